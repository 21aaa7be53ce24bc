using System.Net.WebSockets;
using EicAgent.Aws.Paths;
using EicAgent.Aws.SessionManager;

namespace EicAgent.Cli.Proxy;

/// <summary>
/// A tunnel through Session Manager: the session's data channel websocket (StreamUrl), opened with its token, carrying
/// ssh's bytes as input/output stream messages. Same HTTP stack as the endpoint tunnel (HTTPS_PROXY, the scope's CA bundle).
/// </summary>
internal sealed class SessionManagerTunnel : ITunnel
{
    private static readonly TimeSpan FinishBound = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan CloseGrace = TimeSpan.FromSeconds(5);
    private readonly DataChannel _channel;

    private SessionManagerTunnel(DataChannel channel)
    {
        _channel = channel;
        Stream = new DataChannelStream(channel);
    }

    public Stream Stream { get; }

    public static async Task<SessionManagerTunnel> ConnectAsync(SessionManagerRoute route, TimeSpan timeout, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(route);
        var seams = EndpointHttpHandler.SeamsFor(route.CaBundle) with { ConnectTo = null };
        var invoker = new HttpMessageInvoker(EndpointHttpHandler.Create(route.StreamUrl.Host, timeout, seams), disposeHandler: true);
        var socket = new ClientWebSocket();
        socket.Options.KeepAliveInterval = TimeSpan.FromSeconds(30);
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        bounded.CancelAfter(timeout);
        try
        {
            await socket.ConnectAsync(route.StreamUrl, invoker, bounded.Token).ConfigureAwait(false);
            var channel = await DataChannel.OpenAsync(
                new WebSocketDataChannelSocket(socket, invoker), route.SessionId, route.TokenValue, new DataChannelOptions(), TimeProvider.System, cancellation)
                .ConfigureAwait(false);
            return new SessionManagerTunnel(channel);
        }
        catch (Exception error) when (error is WebSocketException or HttpRequestException or OperationCanceledException && !cancellation.IsCancellationRequested)
        {
            socket.Dispose();
            invoker.Dispose();
            throw new TunnelException(error is OperationCanceledException
                ? $"no answer from Session Manager ({route.StreamUrl.Host}) within {timeout.TotalSeconds:0} s (network, proxy or firewall?)"
                : $"cannot open the Session Manager data channel of session {route.SessionId} at {route.StreamUrl.Host}: {EndpointHttpHandler.TlsFailure(error, seams) ?? error.Message}");
        }
        catch (DataChannelException error)
        {
            throw new TunnelException(error.Message);
        }
    }

    /// <summary>
    /// Session Manager has no half-close: once ssh has nothing more to send, wait until the service holds all of it,
    /// tell the instance's agent the session is over, and give the service a moment to close the channel.
    /// </summary>
    public async ValueTask CloseSendAsync(CancellationToken cancellation)
    {
        await _channel.FinishAsync(FinishBound, cancellation).ConfigureAwait(false);
        try
        {
            await _channel.Ended.WaitAsync(CloseGrace, cancellation).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            await _channel.StopAsync().ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Stream.DisposeAsync().ConfigureAwait(false);
        await _channel.DisposeAsync().ConfigureAwait(false);
    }
}
