using System.Net;

namespace EicAgent.Aws.Tls;

/// <summary>
/// Carries a scope's CA bundle to the SSO, SSO-OIDC and web-identity STS clients that AWSSDK.Core builds itself:
/// their credential options pass nothing to our client factories (<see cref="Scopes.AwsRuntimeDependencies"/>) but
/// a web proxy, so the bundle rides in that slot. As a proxy it is <see cref="Inner"/>, or no proxy at all.
/// </summary>
internal sealed class CaBundleProxy(CaBundle bundle, IWebProxy? inner) : IWebProxy
{
    public CaBundle Bundle { get; } = bundle;

    /// <summary>The proxy the credentials were configured with, if any.</summary>
    public IWebProxy? Inner { get; } = inner;

    public ICredentials? Credentials
    {
        get => Inner?.Credentials;
        set
        {
            if (Inner is not null)
            {
                Inner.Credentials = value;
            }
        }
    }

    public Uri? GetProxy(Uri destination) => Inner is null ? destination : Inner.GetProxy(destination);

    public bool IsBypassed(Uri host) => Inner?.IsBypassed(host) ?? true;
}
