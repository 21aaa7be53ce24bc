using System.Net.Http;
using Amazon.Runtime;

namespace EicAgent.Aws.Tls;

/// <summary>
/// The HTTP clients of a scope whose caller set AWS_CA_BUNDLE: AWSSDK.Core does not read that variable, so its
/// clients get their connections from here, trusting only the bundle. The rest follows what the SDK's own factory
/// takes from the client config (proxy, connect and request timeouts, connections per server).
/// </summary>
internal sealed class CaBundleHttpClientFactory(CaBundle bundle) : HttpClientFactory
{
    public override HttpClient CreateHttpClient(IClientConfig clientConfig)
    {
        ArgumentNullException.ThrowIfNull(clientConfig);
        var handler = new SocketsHttpHandler
        {
            UseProxy = true,
            Proxy = clientConfig.GetWebProxy() ?? HttpClient.DefaultProxy,
            AllowAutoRedirect = clientConfig.AllowAutoRedirect,
        };
        if (clientConfig.ConnectTimeout is { } connectTimeout)
        {
            handler.ConnectTimeout = connectTimeout;
        }

        if (clientConfig.MaxConnectionsPerServer is { } perServer)
        {
            handler.MaxConnectionsPerServer = perServer;
        }

        bundle.ApplyTo(handler);
        var client = new HttpClient(handler, disposeHandler: true);
        if (clientConfig.Timeout is { } timeout)
        {
            client.Timeout = timeout;
        }

        return client;
    }

    // Cached per SDK client (null key), so the warm connections live as long as the scope and go with it.
    public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => true;

    public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => false;

    public override string? GetConfigUniqueString(IClientConfig clientConfig) => null;
}
