using EicAgent.Aws.Scopes;
using EicAgent.Aws.Tests.Fakes;
using EicAgent.Testing;

namespace EicAgent.Aws.Tests;

/// <summary>A long-lived agent keeps a scope per caller context: idle ones go, and their number is capped.</summary>
[Collection(EnvironmentCollection.Name)]
public sealed class ScopeEvictionTests : IDisposable
{
    private static readonly AwsSettings Settings = new() { ScopeIdleLifetime = TimeSpan.FromMinutes(15), MaxScopes = 3 };

    private readonly TemporaryDirectory _directory = new("eic-scopes-");
    private readonly ManualTimeProvider _clock = new();

    public ScopeEvictionTests()
    {
        File.WriteAllText(_directory.Combine("config"), "");
        File.WriteAllText(_directory.Combine("credentials"), "");
    }

    [Fact]
    public async Task A_scope_in_use_is_kept_and_one_idle_for_the_idle_lifetime_is_rebuilt()
    {
        using var scopes = new AwsScopes(Settings, _clock);
        var first = await scopes.GetAsync(null, null, Context("a"), CancellationToken.None);

        _clock.Advance(TimeSpan.FromMinutes(14));
        var stillUsed = await scopes.GetAsync(null, null, Context("a"), CancellationToken.None);
        _clock.Advance(TimeSpan.FromMinutes(14));
        var afterShortPauses = await scopes.GetAsync(null, null, Context("a"), CancellationToken.None);
        _clock.Advance(TimeSpan.FromMinutes(15));
        var afterIdle = await scopes.GetAsync(null, null, Context("a"), CancellationToken.None);

        Assert.Same(first, stillUsed);
        Assert.Same(first, afterShortPauses);
        Assert.NotSame(first, afterIdle);
        Assert.Equal(1, scopes.Count);
    }

    [Fact]
    public async Task Beyond_the_cap_the_least_recently_used_scope_goes_but_never_one_used_within_a_call_timeout()
    {
        using var scopes = new AwsScopes(Settings, _clock);
        var oldest = await scopes.GetAsync(null, null, Context("a"), CancellationToken.None);
        foreach (var name in new[] { "b", "c", "d" })
        {
            _clock.Advance(TimeSpan.FromSeconds(1));
            await scopes.GetAsync(null, null, Context(name), CancellationToken.None);
        }

        // Four within a second of each other: all may still be in use, so none goes yet.
        Assert.Equal(4, scopes.Count);

        _clock.Advance(Settings.CallTimeout);
        var newest = await scopes.GetAsync(null, null, Context("e"), CancellationToken.None);
        var again = await scopes.GetAsync(null, null, Context("a"), CancellationToken.None);

        Assert.NotSame(oldest, again);
        Assert.Same(newest, await scopes.GetAsync(null, null, Context("e"), CancellationToken.None));
        // Each call first drops the least recently used beyond the cap (a, then b, then c), then adds its own.
        Assert.Equal(Settings.MaxScopes, scopes.Count);
    }

    [Fact]
    public async Task A_role_session_bought_with_an_mfa_code_serves_every_region_and_is_kept_however_idle_until_it_ends()
    {
        // The SDK reads the config file named by this process's environment once: the environment scope's.
        using var environment = new EnvironmentScope();
        await using var sts = await FakeAwsEndpoint.StartAsync(request => FakeResponse.Xml("""
            <AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
              <AssumeRoleResult>
                <Credentials><AccessKeyId>ASIAROLE</AccessKeyId><SecretAccessKey>rolesecret</SecretAccessKey>
                  <SessionToken>roletoken</SessionToken><Expiration>2099-01-01T00:00:00Z</Expiration></Credentials>
                <AssumedRoleUser><Arn>arn:aws:sts::123456789012:assumed-role/Admin/eic</Arn><AssumedRoleId>AROAEXAMPLE:eic</AssumedRoleId></AssumedRoleUser>
              </AssumeRoleResult>
              <ResponseMetadata><RequestId>r-sts</RequestId></ResponseMetadata>
            </AssumeRoleResponse>
            """));
        File.WriteAllText(environment.ConfigFile,
            "[profile mfa]\nrole_arn = arn:aws:iam::123456789012:role/Admin\nsource_profile = base\nmfa_serial = arn:aws:iam::123456789012:mfa/alice\nregion = eu-west-1\n");
        File.WriteAllText(environment.CredentialsFile, "[base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = basesecret\n");
        var context = AwsContext.From(
        [
            KeyValuePair.Create(AwsContext.Profile, "mfa"),
            KeyValuePair.Create($"{AwsContext.EndpointUrl}_STS", sts.Url.ToString()),
            KeyValuePair.Create(AwsContext.ConfigFile, environment.ConfigFile),
            KeyValuePair.Create(AwsContext.CredentialsFile, environment.CredentialsFile),
        ]);
        using var scopes = new AwsScopes(Settings, _clock);

        var asked = await Assert.ThrowsAsync<Errors.EicAwsException>(() => scopes.GetAsync(null, null, context, CancellationToken.None));
        scopes.OfferMfaCode(context, "123456");
        var first = await scopes.GetAsync(null, null, context, CancellationToken.None);
        var otherRegion = await scopes.GetAsync("mfa", "us-east-1", context, CancellationToken.None);
        _clock.Advance(TimeSpan.FromHours(2));
        var afterTwoIdleHours = await scopes.GetAsync(null, null, context, CancellationToken.None);
        _clock.Advance(new DateTimeOffset(2099, 1, 1, 0, 0, 0, TimeSpan.Zero) - _clock.GetUtcNow());
        var afterTheSession = await Assert.ThrowsAsync<Errors.EicAwsException>(() => scopes.GetAsync(null, null, context, CancellationToken.None));

        Assert.Equal(
            (Errors.EicAwsErrorKind.MfaCodeRequired, "arn:aws:iam::123456789012:mfa/alice", "mfa", "eu-west-1"), (asked.Kind, asked.MfaSerial, asked.MfaProfile, asked.MfaRegion));
        Assert.Same(first, afterTwoIdleHours);
        Assert.Equal("us-east-1", otherRegion.Info.Region);
        Assert.Equal((await first.LendMfaRoleSessionAsync())!.AccessKeyId, (await otherRegion.LendMfaRoleSessionAsync())!.AccessKeyId);
        Assert.Contains("TokenCode=123456", Assert.Single(sts.Requests).Body, StringComparison.Ordinal);
        Assert.Equal(Errors.EicAwsErrorKind.MfaCodeRequired, afterTheSession.Kind);
    }

    public void Dispose() => _directory.Dispose();

    /// <summary>A caller context of static keys (no network, no profile) that differs by its access key.</summary>
    private AwsContext Context(string name) => AwsContext.From(
    [
        KeyValuePair.Create(AwsContext.AccessKeyId, $"AKID{name.ToUpperInvariant()}"),
        KeyValuePair.Create(AwsContext.SecretAccessKey, "secret"),
        KeyValuePair.Create(AwsContext.RegionVariable, "eu-west-1"),
        KeyValuePair.Create(AwsContext.ConfigFile, _directory.Combine("config")),
        KeyValuePair.Create(AwsContext.CredentialsFile, _directory.Combine("credentials")),
    ]);
}
