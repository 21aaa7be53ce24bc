using Amazon.Runtime;
using Amazon.SecurityToken;
using EicAgent.Aws.Scopes;

namespace EicAgent.Aws.Tls;

/// <summary>
/// Credentials whose own AWS calls (the SSO portal and SSO-OIDC for an IAM Identity Center profile, STS for web
/// identity) trust the caller's CA bundle, as the scope's EC2 and Instance Connect clients do.
/// </summary>
internal static class CaBundleCredentials
{
    /// <param name="contextSts">An STS client configured from the caller's context (endpoints, the bundle), for web identity.</param>
    public static AWSCredentials Trusting(AWSCredentials credentials, CaBundle? bundle, Func<AmazonSecurityTokenServiceClient> contextSts) => (credentials, bundle) switch
    {
        (_, null) => credentials,
        (SSOAWSCredentials sso, _) => WithCarrier(sso, bundle),
        (AssumeRoleWithWebIdentityCredentials webIdentity, _) => new ContextWebIdentityCredentials(
            contextSts(), webIdentity.WebIdentityTokenFile, webIdentity.RoleArn, webIdentity.RoleSessionName ?? $"eic-{DateTime.UtcNow.Ticks}"),
        _ => credentials,
    };

    private static SSOAWSCredentials WithCarrier(SSOAWSCredentials sso, CaBundle bundle)
    {
        if (sso.Options is null)
        {
            return new SSOAWSCredentials(sso.AccountId, sso.Region, sso.RoleName, sso.StartUrl, new SSOAWSCredentialsOptions { ProxySettings = new CaBundleProxy(bundle, null) });
        }

        if (sso.Options.ProxySettings is not CaBundleProxy)
        {
            sso.Options.ProxySettings = new CaBundleProxy(bundle, sso.Options.ProxySettings);
        }

        return sso;
    }
}
