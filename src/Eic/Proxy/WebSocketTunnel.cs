using System.Net.WebSockets;
using EicAgent.Aws.Paths;

namespace EicAgent.Cli.Proxy;

/// <summary>A tunnel through an EC2 Instance Connect Endpoint: a TLS websocket to the presigned openTunnel URL.</summary>
internal sealed class WebSocketTunnel : ITunnel
{
    private readonly ClientWebSocket _socket;
    private readonly HttpMessageInvoker _invoker;

    private WebSocketTunnel(ClientWebSocket socket, HttpMessageInvoker invoker, string endpointDnsName, Uri url)
    {
        _socket = socket;
        _invoker = invoker;
        Stream = new WebSocketTunnelStream(socket, endpointDnsName, TunnelEndWarning.DurationOf(url), TimeProvider.System);
    }

    public Stream Stream { get; }

    public static Task<WebSocketTunnel> ConnectAsync(WebSocketRoute route, TimeSpan timeout, CancellationToken cancellation) =>
        ConnectAsync(route, timeout, EndpointHttpHandler.SeamsFor(route?.CaBundle), cancellation);

    public static async Task<WebSocketTunnel> ConnectAsync(WebSocketRoute route, TimeSpan timeout, EndpointSeams seams, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(route);
        var capture = new HandshakeCapture(EndpointHttpHandler.Create(route.EndpointDnsName, timeout, seams));
        var invoker = new HttpMessageInvoker(capture, disposeHandler: true);
        var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.KeepAliveInterval = TimeSpan.FromSeconds(30);
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        bounded.CancelAfter(timeout);
        try
        {
            await socket.ConnectAsync(route.Url, invoker, bounded.Token).ConfigureAwait(false);
            return new WebSocketTunnel(socket, invoker, route.EndpointDnsName, route.Url);
        }
        catch (Exception error) when (error is WebSocketException or HttpRequestException or OperationCanceledException)
        {
            socket.Dispose();
            invoker.Dispose();
            throw Refused(route, capture, error, error is OperationCanceledException && !cancellation.IsCancellationRequested ? timeout : null, seams);
        }
    }

    public async ValueTask CloseSendAsync(CancellationToken cancellation)
    {
        if (_socket.State is WebSocketState.Open)
        {
            try
            {
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, cancellation).ConfigureAwait(false);
            }
            catch (WebSocketException)
            {
                // Already gone: the receive side reports how it ended.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Stream.DisposeAsync().ConfigureAwait(false);
        _socket.Dispose();
        _invoker.Dispose();
    }

    private static TunnelException Refused(WebSocketRoute route, HandshakeCapture capture, Exception error, TimeSpan? timedOutAfter, EndpointSeams seams)
    {
        var endpoint = $"EC2 Instance Connect Endpoint {route.EndpointDnsName}";
        if (capture.RefusedStatus is not null)
        {
            return new TunnelException($"{endpoint} refused the tunnel: {capture.Describe()}{DurationHint(route, capture)}");
        }

        return timedOutAfter is { } timeout
            ? new TunnelException($"no answer from {endpoint} within {timeout.TotalSeconds:0} s (network, proxy or firewall?)")
            : new TunnelException($"cannot open a tunnel through {endpoint}{ThroughProxy(route)}: {EndpointHttpHandler.TlsFailure(error, seams) ?? Innermost(error).Message}");
    }

    // IAM's AccessDenied does not say which condition failed; a duration the user chose is the likely one, since a
    // policy may cap ec2-instance-connect:maxTunnelDuration and a request without the key passes such a cap.
    private static string DurationHint(WebSocketRoute route, HandshakeCapture capture) =>
        capture.RefusedStatus == System.Net.HttpStatusCode.Forbidden && TunnelEndWarning.AskedSeconds(route.Url) is { } seconds
            ? $"; if a policy caps ec2-instance-connect:maxTunnelDuration below the --max-tunnel-duration {seconds} asked for, give a lower value or leave the flag out (then none is sent)"
            : "";

    // HTTPS_PROXY / NO_PROXY decide this, as for the AWS CLI: name the proxy when one was in the way.
    private static string ThroughProxy(WebSocketRoute route)
    {
        var target = new Uri($"https://{route.EndpointDnsName}/");
        var proxy = HttpClient.DefaultProxy;
        return proxy.IsBypassed(target) || proxy.GetProxy(target) is not { } address ? "" : $" via proxy {address.Authority} (HTTPS_PROXY)";
    }

    private static Exception Innermost(Exception error) => error.InnerException is null ? error : Innermost(error.InnerException);
}
