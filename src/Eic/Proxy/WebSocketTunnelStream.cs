using System.Net.WebSockets;
using EicAgent.Aws.Tunnels;

namespace EicAgent.Cli.Proxy;

/// <summary>
/// The endpoint websocket as a byte stream: bytes travel as binary frames (at most 65,000 bytes each, as the AWS
/// CLI sends them; every send awaited, so a slow instance slows ssh instead of filling memory). A normal close is
/// the end of the stream; a text frame or another close code is a <see cref="TunnelException"/> with the reason.
/// <paramref name="limit"/> is the tunnel's maxTunnelDuration: the one asked for, else the endpoint's hour.
/// </summary>
internal sealed class WebSocketTunnelStream(WebSocket socket, string endpointDnsName, TimeSpan limit, TimeProvider time) : TunnelStream
{
    public const int MaxFrameBytes = ByteRelay.BufferSize;
    private static readonly TimeSpan LimitSlack = TimeSpan.FromSeconds(30);
    private readonly DateTimeOffset _opened = time.GetUtcNow();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (socket.State is WebSocketState.Closed or WebSocketState.CloseReceived)
        {
            return 0;
        }

        ValueWebSocketReceiveResult received;
        try
        {
            received = await socket.ReceiveAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (WebSocketException error)
        {
            throw new TunnelException($"the tunnel through {endpointDnsName} broke: {error.Message}{AtLimit()}");
        }

        return received.MessageType switch
        {
            WebSocketMessageType.Binary => received.Count,
            WebSocketMessageType.Close => Closed(),
            _ => throw new TunnelException($"{endpointDnsName} sent a text frame instead of SSH bytes: {TextOf(buffer.Span[..received.Count])}"),
        };
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        for (var offset = 0; offset < buffer.Length; offset += MaxFrameBytes)
        {
            var frame = buffer.Slice(offset, Math.Min(MaxFrameBytes, buffer.Length - offset));
            try
            {
                await socket.SendAsync(frame, WebSocketMessageType.Binary, endOfMessage: true, cancellationToken).ConfigureAwait(false);
            }
            catch (WebSocketException error)
            {
                throw new TunnelException($"the tunnel through {endpointDnsName} broke while sending: {error.Message}{AtLimit()}");
            }
        }
    }

    private int Closed()
    {
        if (socket.CloseStatus is WebSocketCloseStatus.NormalClosure or null)
        {
            return !string.IsNullOrEmpty(AtLimit()) ? throw new TunnelException($"the tunnel through {endpointDnsName} closed{AtLimit()}") : 0;
        }

        var reason = string.IsNullOrWhiteSpace(socket.CloseStatusDescription) ? "no reason given" : socket.CloseStatusDescription;
        throw new TunnelException($"{endpointDnsName} closed the tunnel (code {(int)socket.CloseStatus}): {reason}{AtLimit()}");
    }

    // The endpoint ends a tunnel at its maxTunnelDuration; say so instead of leaving a bare disconnect. The slack
    // covers the handshake between the endpoint's start of the clock and ours, at most a tenth of a short limit.
    private string AtLimit()
    {
        var slack = limit / 10 < LimitSlack ? limit / 10 : LimitSlack;
        if (time.GetUtcNow() - _opened < limit - slack)
        {
            return "";
        }

        return limit == TunnelUrlPresigner.MaxTunnelDuration
            ? $" -- tunnels through an EC2 Instance Connect Endpoint last at most {TunnelEndWarning.Describe(limit)}; reconnect"
            : $" -- this tunnel through an EC2 Instance Connect Endpoint lasted its --max-tunnel-duration of {TunnelEndWarning.Describe(limit)}; reconnect";
    }

    private static string TextOf(ReadOnlySpan<byte> text) => System.Text.Encoding.UTF8.GetString(text).ReplaceLineEndings(" ").Trim();
}
