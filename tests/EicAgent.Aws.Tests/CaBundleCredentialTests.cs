using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
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
    private readonly X509Certificate2 _ca = CreateCa("CN=eic test private CA");
    private readonly X509Certificate2 _otherCa = CreateCa("CN=eic test other CA");
    private readonly X509Certificate2 _server;

    public CaBundleCredentialTests() => _server = Issue(_ca);

    [Fact]
    public async Task The_sso_portal_is_trusted_through_aws_ca_bundle()
    {
        using var environment = new EnvironmentScope();
        await using var portal = await StartPortalAsync();
        await using var service = await FakeAwsEndpoint.StartAsync(_ => FakeResponse.Json(200, Ok));
        WriteSsoProfile(environment, portal, service, caBundleLine: "");
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
        WriteSsoProfile(environment, portal, service, caBundleLine: "");

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
        WriteSsoProfile(environment, portal, service, caBundleLine: $"ca_bundle = {WriteBundle(environment, _ca)}");

        var request = await ProfileAndEndpointTests.PushThroughScopeAsync(service, "dev", region: null);

        Assert.Single(portal.Requests);
        Assert.Contains("Credential=ASIASSO/", request.Header("Authorization"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Aws_ca_bundle_wins_over_the_profiles_ca_bundle()
    {
        using var environment = new EnvironmentScope();
        await using var portal = await StartPortalAsync();
        await using var service = await FakeAwsEndpoint.StartAsync(_ => FakeResponse.Json(200, Ok));
        WriteSsoProfile(environment, portal, service, caBundleLine: $"ca_bundle = {WriteBundle(environment, _ca)}");
        environment.Set("AWS_CA_BUNDLE", WriteBundle(environment, _otherCa));

        await Assert.ThrowsAsync<EicAwsException>(() => ProfileAndEndpointTests.PushThroughScopeAsync(service, "dev", region: null));

        Assert.Empty(portal.Requests);
    }

    [Fact]
    public async Task Web_identity_sts_is_trusted_through_aws_ca_bundle()
    {
        using var environment = new EnvironmentScope();
        await using var sts = await FakeAwsEndpoint.StartAsync(_ => FakeResponse.Xml("""
            <AssumeRoleWithWebIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
              <AssumeRoleWithWebIdentityResult>
                <Credentials><AccessKeyId>ASIAWEBID</AccessKeyId><SecretAccessKey>webidsecret</SecretAccessKey>
                  <SessionToken>webidtoken</SessionToken><Expiration>2099-01-01T00:00:00Z</Expiration></Credentials>
                <AssumedRoleUser><Arn>arn:aws:sts::123456789012:assumed-role/Pod/eic-pod</Arn><AssumedRoleId>AROAEXAMPLE:eic-pod</AssumedRoleId></AssumedRoleUser>
              </AssumeRoleWithWebIdentityResult>
              <ResponseMetadata><RequestId>r-sts</RequestId></ResponseMetadata>
            </AssumeRoleWithWebIdentityResponse>
            """), _server);
        await using var service = await FakeAwsEndpoint.StartAsync(_ => FakeResponse.Json(200, Ok));
        var tokenFile = Path.Combine(environment.Directory, "token");
        File.WriteAllText(tokenFile, "eyJ.projected-service-account-token");
        environment.Set("AWS_REGION", "eu-west-1");
        environment.Set("AWS_WEB_IDENTITY_TOKEN_FILE", tokenFile);
        environment.Set("AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/Pod");
        environment.Set("AWS_ROLE_SESSION_NAME", "eic-pod");
        environment.Set("AWS_ENDPOINT_URL_STS", sts.Url.ToString());
        environment.Set("AWS_ENDPOINT_URL_EC2_INSTANCE_CONNECT", service.Url.ToString());
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

    private Task<FakeAwsEndpoint> StartPortalAsync() => FakeAwsEndpoint.StartAsync(_ => FakeResponse.Json(200, """
        {"roleCredentials":{"accessKeyId":"ASIASSO","secretAccessKey":"ssosecret","sessionToken":"ssotoken","expiration":4070908800000}}
        """), _server);

    /// <summary>An IAM Identity Center profile with a cached token; the portal at <paramref name="portal"/>, EC2 Instance Connect (plain HTTP) at <paramref name="service"/>.</summary>
    private static void WriteSsoProfile(EnvironmentScope environment, FakeAwsEndpoint portal, FakeAwsEndpoint service, string caBundleLine)
    {
        environment.Set("HOME", environment.Directory);
        environment.Set("AWS_ENDPOINT_URL_SSO", portal.Url.ToString());
        File.WriteAllText(environment.ConfigFile, $"""
            [profile dev]
            sso_session = corp
            sso_account_id = 123456789012
            sso_role_name = Developer
            region = eu-west-1
            endpoint_url = {service.Url}
            {caBundleLine}

            [sso-session corp]
            sso_start_url = https://corp.awsapps.com/start
            sso_region = eu-west-1
            sso_registration_scopes = sso:account:access
            """);
        var cache = Directory.CreateDirectory(Path.Combine(environment.Directory, ".aws", "sso", "cache")).FullName;
        var cacheFile = Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes("corp"))) + ".json";
        File.WriteAllText(Path.Combine(cache, cacheFile), $$"""
            {"accessToken":"sso-access-token","expiresAt":"{{DateTime.UtcNow.AddHours(8):yyyy-MM-ddTHH:mm:ssZ}}","region":"eu-west-1","startUrl":"https://corp.awsapps.com/start"}
            """);
    }

    private static string WriteBundle(EnvironmentScope environment, X509Certificate2 ca)
    {
        var path = Path.Combine(environment.Directory, $"{ca.Thumbprint}.pem");
        File.WriteAllText(path, ca.ExportCertificatePem() + "\n");
        return path;
    }

    private static X509Certificate2 CreateCa(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(name, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
    }

    /// <summary>A server certificate for 127.0.0.1 issued by <paramref name="ca"/>, with its private key (Kestrel serves it).</summary>
    private static X509Certificate2 Issue(X509Certificate2 ca)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var issued = request.Create(ca, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddHours(12), RandomNumberGenerator.GetBytes(8));
        using var withKey = issued.CopyWithPrivateKey(key);

        // Kestrel on Linux wants the key in a form SslStream can use: a PKCS#12 round trip gives it one.
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }
}
