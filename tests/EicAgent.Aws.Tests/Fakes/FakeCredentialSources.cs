using System.Security.Cryptography;
using System.Text;

namespace EicAgent.Aws.Tests.Fakes;

/// <summary>The web-identity STS and the IAM Identity Center portal as tests play them, and the environment that sends a scope to them.</summary>
internal static class FakeCredentialSources
{
    public const string WebIdentityToken = "eyJ.projected-service-account-token";

    public static FakeResponse WebIdentityAnswer() => FakeResponse.Xml("""
        <AssumeRoleWithWebIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
          <AssumeRoleWithWebIdentityResult>
            <Credentials><AccessKeyId>ASIAWEBID</AccessKeyId><SecretAccessKey>webidsecret</SecretAccessKey>
              <SessionToken>webidtoken</SessionToken><Expiration>2099-01-01T00:00:00Z</Expiration></Credentials>
            <SubjectFromWebIdentityToken>system:serviceaccount:ops:eic</SubjectFromWebIdentityToken>
            <AssumedRoleUser><Arn>arn:aws:sts::123456789012:assumed-role/Pod/eic-pod</Arn><AssumedRoleId>AROAEXAMPLE:eic-pod</AssumedRoleId></AssumedRoleUser>
          </AssumeRoleWithWebIdentityResult>
          <ResponseMetadata><RequestId>r-sts</RequestId></ResponseMetadata>
        </AssumeRoleWithWebIdentityResponse>
        """);

    /// <summary>A projected token file and role in the environment, STS at <paramref name="sts"/>, the push at <paramref name="service"/>.</summary>
    public static void UseWebIdentity(EnvironmentScope environment, FakeAwsEndpoint sts, FakeAwsEndpoint service)
    {
        var tokenFile = Path.Combine(environment.Directory, "token");
        File.WriteAllText(tokenFile, WebIdentityToken);
        environment.Set("AWS_REGION", "eu-west-1");
        environment.Set("AWS_WEB_IDENTITY_TOKEN_FILE", tokenFile);
        environment.Set("AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/Pod");
        environment.Set("AWS_ROLE_SESSION_NAME", "eic-pod");
        environment.Set("AWS_ENDPOINT_URL_STS", sts.Url.ToString());
        environment.Set("AWS_ENDPOINT_URL_EC2_INSTANCE_CONNECT", service.Url.ToString());
    }

    public static FakeResponse SsoPortalAnswer() => FakeResponse.Json(200, """
        {"roleCredentials":{"accessKeyId":"ASIASSO","secretAccessKey":"ssosecret","sessionToken":"ssotoken","expiration":4070908800000}}
        """);

    /// <summary>Profile `dev` of IAM Identity Center with a cached token; the portal at <paramref name="portal"/>, the push at <paramref name="service"/>.</summary>
    public static void UseSsoProfile(EnvironmentScope environment, FakeAwsEndpoint portal, FakeAwsEndpoint service, string extraProfileLine = "")
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
            {extraProfileLine}

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
}
