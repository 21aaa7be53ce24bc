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
