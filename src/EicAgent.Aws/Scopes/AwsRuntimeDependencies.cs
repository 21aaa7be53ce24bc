using System.Diagnostics.CodeAnalysis;
using Amazon.Runtime;
using Amazon.RuntimeDependencies;
using Amazon.SecurityToken;
using Amazon.SSO;
using Amazon.SSOOIDC;
using EicAgent.Aws.Tls;

namespace EicAgent.Aws.Scopes;

/// <summary>
/// AWSSDK.Core loads the SSO, SSO-OIDC and STS clients by name when a profile needs them; under Native AOT that
/// reflection finds nothing, so we hand the SDK factories for them. Assume-role is the exception: the SDK's factory
/// context carries no source credentials, so for it we return null and the SDK builds the client itself (the
/// DynamicDependency attributes keep the constructors it looks up by reflection).
/// </summary>
internal static class AwsRuntimeDependencies
{
    private static int _registered;

    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicConstructors, typeof(AmazonSecurityTokenServiceClient))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicConstructors, typeof(AmazonSecurityTokenServiceConfig))]
    public static void EnsureRegistered()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 1)
        {
            return;
        }

        var registry = GlobalRuntimeDependencyRegistry.Instance;
        registry.RegisterSSOClient(context => new AmazonSSOClient(
            new AnonymousAWSCredentials(), WithProxy(new AmazonSSOConfig { RegionEndpoint = context.SSOClientContextData.Region }, context.SSOClientContextData.ProxySettings)));
        registry.RegisterSSOOIDCClient(context => new AmazonSSOOIDCClient(
            new AnonymousAWSCredentials(), WithProxy(new AmazonSSOOIDCConfig { RegionEndpoint = context.SSOOIDCClientContextData.Region }, context.SSOOIDCClientContextData.ProxySettings)));
        registry.RegisterSecurityTokenServiceClient(context =>
        {
            var sts = context.SecurityTokenServiceClientContextData;
            return sts.Action == SecurityTokenServiceClientContext.ActionContext.AssumeRoleWithWebIdentityCredentials
                ? new AmazonSecurityTokenServiceClient(
                    new AnonymousAWSCredentials(), WithProxy(new AmazonSecurityTokenServiceConfig { RegionEndpoint = sts.Region }, sts.ProxySettings))
                : null!;
        });
    }

    /// <summary>The credentials' proxy, and the caller's CA bundle when <see cref="CaBundleProxy"/> carries one.</summary>
    private static T WithProxy<T>(T config, System.Net.IWebProxy? proxy)
        where T : ClientConfig
    {
        if (proxy is CaBundleProxy carrier)
        {
            config.HttpClientFactory = new CaBundleHttpClientFactory(carrier.Bundle);
            proxy = carrier.Inner;
        }

        if (proxy is not null)
        {
            config.SetWebProxy(proxy);
        }

        return config;
    }
}
