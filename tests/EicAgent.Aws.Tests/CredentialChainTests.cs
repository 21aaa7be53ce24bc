using EicAgent.Aws.Tests.Fakes;

namespace EicAgent.Aws.Tests;

/// <summary>
/// The credential sources of the default chain that need a service of their own (STS, a container's credentials
/// endpoint, instance metadata, the SSO portal), each played by a fake: the push is signed with what that source gave.
/// </summary>
[Collection(EnvironmentCollection.Name)]
public sealed class CredentialChainTests
{
    private const string Ok = """{"RequestId":"r-1","Success":true}""";

    [Fact]
    public async Task Web_identity_trades_the_token_file_for_role_credentials()
    {
        using var environment = new EnvironmentScope();
        await using var sts = await FakeAwsEndpoint.StartAsync(_ => FakeCredentialSources.WebIdentityAnswer());
        await using var service = await FakeAwsEndpoint.StartAsync(_ => FakeResponse.Json(200, Ok));
        FakeCredentialSources.UseWebIdentity(environment, sts, service);

        var request = await ProfileAndEndpointTests.PushThroughScopeAsync(service, profile: null, region: null);

        var exchange = Assert.Single(sts.Requests);
        Assert.Contains("Action=AssumeRoleWithWebIdentity", exchange.Body, StringComparison.Ordinal);
        Assert.Contains("WebIdentityToken=eyJ.projected-service-account-token", exchange.Body, StringComparison.Ordinal);
        Assert.Contains("RoleSessionName=eic-pod", exchange.Body, StringComparison.Ordinal);
        AssertSignedWith(request, "ASIAWEBID", "webidtoken");
    }

    [Fact]
    public async Task Container_credentials_come_from_the_full_uri_with_the_authorization_token()
    {
        using var environment = new EnvironmentScope();
        await using var container = await FakeAwsEndpoint.StartAsync(_ => FakeResponse.Json(200, """
            {"AccessKeyId":"ASIACONTAINER","SecretAccessKey":"containersecret","Token":"containertoken","Expiration":"2099-01-01T00:00:00Z"}
            """));
        await using var service = await FakeAwsEndpoint.StartAsync(_ => FakeResponse.Json(200, Ok));
        environment.Set("AWS_REGION", "eu-west-1");
        environment.Set("AWS_CONTAINER_CREDENTIALS_FULL_URI", new Uri(container.Url, "/creds").ToString());
        environment.Set("AWS_CONTAINER_AUTHORIZATION_TOKEN", "Basic pod-identity-token");
        environment.Set("AWS_ENDPOINT_URL_EC2_INSTANCE_CONNECT", service.Url.ToString());

        var request = await ProfileAndEndpointTests.PushThroughScopeAsync(service, profile: null, region: null);

        var fetch = Assert.Single(container.Requests);
        Assert.Equal("/creds", fetch.Path);
        Assert.Equal("Basic pod-identity-token", fetch.Header("Authorization"));
        AssertSignedWith(request, "ASIACONTAINER", "containertoken");
    }

    // Twice: the SDK caches the instance role process-wide, so the second run fails unless EnvironmentScope forgets it.
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task An_instance_role_comes_from_instance_metadata_with_an_imdsv2_token(int run)
    {
        using var environment = new EnvironmentScope();
        await using var metadata = await FakeAwsEndpoint.StartAsync(request => (request.Method, request.Path) switch
        {
            ("PUT", "/latest/api/token") => new FakeResponse(200, "imds-session-token", "text/plain"),
            ("GET", "/latest/meta-data/iam/security-credentials" or "/latest/meta-data/iam/security-credentials/") =>
                new FakeResponse(200, "EicRole", "text/plain"),
            ("GET", "/latest/meta-data/iam/security-credentials/EicRole") => FakeResponse.Json(200, $$"""
                {"Code":"Success","Type":"AWS-HMAC","AccessKeyId":"ASIAINSTANCE{{run}}","SecretAccessKey":"instancesecret","Token":"instancetoken","Expiration":"2099-01-01T00:00:00Z","LastUpdated":"2026-01-01T00:00:00Z"}
                """),
            _ => new FakeResponse(404, string.Empty, "text/plain"),
        });
        await using var service = await FakeAwsEndpoint.StartAsync(_ => FakeResponse.Json(200, Ok));
        environment.Set("AWS_REGION", "eu-west-1");
        environment.Set("AWS_EC2_METADATA_DISABLED", "false");

        // As users write it, with no trailing slash: the SDK appends "/latest/...".
        environment.Set("AWS_EC2_METADATA_SERVICE_ENDPOINT", metadata.Url.GetLeftPart(UriPartial.Authority));
        environment.Set("AWS_ENDPOINT_URL_EC2_INSTANCE_CONNECT", service.Url.ToString());

        var request = await ProfileAndEndpointTests.PushThroughScopeAsync(service, profile: null, region: null);

        var reads = metadata.Requests.Where(r => r.Method == "GET").ToArray();
        Assert.Contains(reads, r => r.Path == "/latest/meta-data/iam/security-credentials/EicRole");
        Assert.All(reads, r => Assert.Equal("imds-session-token", r.Header("X-aws-ec2-metadata-token")));
        AssertSignedWith(request, "ASIAINSTANCE" + run, "instancetoken");
    }

    [Fact]
    public async Task An_sso_profile_with_a_cached_token_gets_role_credentials_from_the_portal()
    {
        using var environment = new EnvironmentScope();
        await using var portal = await FakeAwsEndpoint.StartAsync(_ => FakeCredentialSources.SsoPortalAnswer());
        await using var service = await FakeAwsEndpoint.StartAsync(_ => FakeResponse.Json(200, Ok));
        FakeCredentialSources.UseSsoProfile(environment, portal, service);

        var request = await ProfileAndEndpointTests.PushThroughScopeAsync(service, "dev", region: null);

        var exchange = Assert.Single(portal.Requests);
        Assert.Equal("/federation/credentials?account_id=123456789012&role_name=Developer", exchange.Path);
        Assert.Equal("sso-access-token", exchange.Header("x-amz-sso_bearer_token"));
        AssertSignedWith(request, "ASIASSO", "ssotoken");
    }

    private static void AssertSignedWith(RecordedRequest request, string accessKeyId, string sessionToken)
    {
        Assert.Contains($"Credential={accessKeyId}/", request.Header("Authorization"), StringComparison.Ordinal);
        Assert.Equal(sessionToken, request.Header("X-Amz-Security-Token"));
    }
}
