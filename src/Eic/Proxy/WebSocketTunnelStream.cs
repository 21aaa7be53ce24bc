using System.Net.WebSockets;
using EicAgent.Aws.Tunnels;

namespace EicAgent.Cli.Proxy;

/// <summary>
/// The endpoint websocket as a byte stream: bytes travel as binary frames (at most 65,000 bytes each, as the AWS
/// CLI sends them; every send awaited, so a slow instance slows ssh instead of filling memory). A normal close is
/// the end of the stream; a text frame or another close code is a <see cref="TunnelException"/> with the reason.
/// </summary>
internal sealed class WebSocketTunnelStream(WebSocket socket, string endpointDnsName, TimeProvider time) : TunnelStream
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

    // EC2 Instance Connect Endpoint tunnels last at most an hour; say so instead of leaving a bare disconnect.
    private string AtLimit() => time.GetUtcNow() - _opened >= TunnelUrlPresigner.MaxTunnelDuration - LimitSlack
        ? $" -- tunnels through an EC2 Instance Connect Endpoint last at most {TunnelUrlPresigner.MaxTunnelDuration.TotalMinutes:0} minutes; reconnect"
        : "";

    private static string TextOf(ReadOnlySpan<byte> text) => System.Text.Encoding.UTF8.GetString(text).ReplaceLineEndings(" ").Trim();
}
