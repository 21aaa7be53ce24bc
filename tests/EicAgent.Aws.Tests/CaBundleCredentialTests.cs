using System.Security.Cryptography.X509Certificates;
using EicAgent.Aws.Errors;
using EicAgent.Aws.Tests.Fakes;

namespace EicAgent.Aws.Tests;

/// <summary>
/// The caller's CA bundle reaches the AWS calls credentials make themselves (the SSO portal, STS for web identity),
/// and a profile's `ca_bundle` counts when AWS_CA_BUNDLE is unset, as in the AWS CLI: the portal or STS here speaks
/// HTTPS with a certificate from a private CA, so only the bundle makes it trusted.
/// </summary>
[Collection(EnvironmentCollection.Name)]
public sealed class CaBundleCredentialTests : IDisposable
{
    private const string Ok = """{"RequestId":"r-1","Success":true}""";
    private readonly X509Certificate2 _ca = TestCertificates.CreateCa("CN=eic test private CA");
    private readonly X509Certificate2 _otherCa = TestCertificates.CreateCa("CN=eic test other CA");
    private readonly X509Certificate2 _server;

    public CaBundleCredentialTests() => _server = TestCertificates.IssueForLoopback(_ca);

    [Fact]
    public async Task The_sso_portal_is_trusted_through_aws_ca_bundle()
    {
        using var environment = new EnvironmentScope();
        await using var portal = await StartPortalAsync();
        await using var service = await FakeAwsEndpoint.StartAsync(_ => FakeResponse.Json(200, Ok));
        FakeCredentialSources.UseSsoProfile(environment, portal, service);
        environment.Set("AWS_CA_BUNDLE", WriteBundle(environment, _ca));

        var request = await ProfileAndEndpointTests.PushThroughScopeAsync(service, "dev", region: null);

        Assert.Single(portal.Requests);
        Assert.Contains("Credential=ASIASSO/", request.Header("Authorization"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_bundle_the_private_ca_portal_is_refused_before_any_request()
    {
        using var environment = new EnvironmentScope();
        await using var portal = await StartPortalAsync();
        await using var service = await FakeAwsEndpoint.StartAsync(_ => FakeResponse.Json(200, Ok));
        FakeCredentialSources.UseSsoProfile(environment, portal, service);

        await Assert.ThrowsAsync<EicAwsException>(() => ProfileAndEndpointTests.PushThroughScopeAsync(service, "dev", region: null));

        Assert.Empty(portal.Requests);
        Assert.Empty(service.Requests);
    }

    [Fact]
    public async Task The_profiles_ca_bundle_counts_when_aws_ca_bundle_is_unset()
    {
        using var environment = new EnvironmentScope();
        await using var portal = await StartPortalAsync();
        await using var service = await FakeAwsEndpoint.StartAsync(_ => FakeResponse.Json(200, Ok));
        FakeCredentialSources.UseSsoProfile(environment, portal, service, $"ca_bundle = {WriteBundle(environment, _ca)}");

        var request = await ProfileAndEndpointTests.PushThroughScopeAsync(service, "dev", region: null);

        Assert.Single(portal.Requests);
        Assert.Contains("Credential=ASIASSO/", request.Header("Authorization"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_profiles_ca_bundle_that_cannot_be_read_is_one_line_naming_the_profile()
    {
        using var environment = new EnvironmentScope();
        await using var portal = await StartPortalAsync();
        await using var service = await FakeAwsEndpoint.StartAsync(_ => FakeResponse.Json(200, Ok));
        var missing = Path.Combine(environment.Directory, "missing.pem");
        FakeCredentialSources.UseSsoProfile(environment, portal, service, $"ca_bundle = {missing}");

        var error = await Assert.ThrowsAsync<EicAwsException>(() => ProfileAndEndpointTests.PushThroughScopeAsync(service, "dev", region: null));

        Assert.StartsWith($"cannot read ca_bundle = {missing} of profile dev: ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public async Task Aws_ca_bundle_wins_over_the_profiles_ca_bundle()
    {
        using var environment = new EnvironmentScope();
        await using var portal = await StartPortalAsync();
        await using var service = await FakeAwsEndpoint.StartAsync(_ => FakeResponse.Json(200, Ok));
        FakeCredentialSources.UseSsoProfile(environment, portal, service, $"ca_bundle = {WriteBundle(environment, _ca)}");
        var otherBundle = WriteBundle(environment, _otherCa);
        environment.Set("AWS_CA_BUNDLE", otherBundle);

        var error = await Assert.ThrowsAsync<EicAwsException>(() => ProfileAndEndpointTests.PushThroughScopeAsync(service, "dev", region: null));

        Assert.Empty(portal.Requests);
        Assert.Contains($"TLS handshake failed: the server's certificate is not issued by a CA in AWS_CA_BUNDLE={otherBundle} ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_certificate_outside_the_profiles_ca_bundle_is_one_line_naming_the_profiles_ca_bundle_not_the_variable()
    {
        using var environment = new EnvironmentScope();
        await using var portal = await StartPortalAsync();
        await using var service = await FakeAwsEndpoint.StartAsync(_ => FakeResponse.Json(200, Ok));
        var otherBundle = WriteBundle(environment, _otherCa);
        FakeCredentialSources.UseSsoProfile(environment, portal, service, $"ca_bundle = {otherBundle}");

        var error = await Assert.ThrowsAsync<EicAwsException>(() => ProfileAndEndpointTests.PushThroughScopeAsync(service, "dev", region: null));

        Assert.Empty(portal.Requests);
        Assert.Contains($"the server's certificate is not issued by a CA in ca_bundle = {otherBundle} of profile dev ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("AWS_CA_BUNDLE", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public async Task Web_identity_sts_is_trusted_through_aws_ca_bundle()
    {
        using var environment = new EnvironmentScope();
        await using var sts = await FakeAwsEndpoint.StartAsync(_ => FakeCredentialSources.WebIdentityAnswer(), _server);
        await using var service = await FakeAwsEndpoint.StartAsync(_ => FakeResponse.Json(200, Ok));
        FakeCredentialSources.UseWebIdentity(environment, sts, service);
        environment.Set("AWS_CA_BUNDLE", WriteBundle(environment, _ca));

        var request = await ProfileAndEndpointTests.PushThroughScopeAsync(service, profile: null, region: null);

        Assert.Contains("Action=AssumeRoleWithWebIdentity", Assert.Single(sts.Requests).Body, StringComparison.Ordinal);
        Assert.Contains("Credential=ASIAWEBID/", request.Header("Authorization"), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _server.Dispose();
        _ca.Dispose();
        _otherCa.Dispose();
    }

    private Task<FakeAwsEndpoint> StartPortalAsync() => FakeAwsEndpoint.StartAsync(_ => FakeCredentialSources.SsoPortalAnswer(), _server);

    private static string WriteBundle(EnvironmentScope environment, X509Certificate2 ca) => TestCertificates.WriteBundle(environment.Directory, ca);
}
