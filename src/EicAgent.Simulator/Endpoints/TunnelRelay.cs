using System.Net.Sockets;
using System.Net.WebSockets;
using EicAgent.Simulator.Network;

namespace EicAgent.Simulator.Endpoints;

/// <summary>
/// Carries one tunnel: binary frames from the client to the instance's sshd and sshd's bytes back as binary frames
/// (at most 65,000 bytes each). Each side's end becomes the other's half-close; a text frame ends the tunnel with 1003.
/// </summary>
internal static class TunnelRelay
{
    private const int MaxFrameBytes = 65_000;

    public static Task RunAsync(WebSocket client, Socket instance, CancellationToken cancellation) =>
        BothWays.RunAsync(stop => ClientToInstanceAsync(client, instance, stop), stop => InstanceToClientAsync(instance, client, stop), cancellation);

    private static async Task ClientToInstanceAsync(WebSocket client, Socket instance, CancellationToken cancellation)
    {
        var buffer = new byte[MaxFrameBytes];
        while (true)
        {
            var received = await client.ReceiveAsync(buffer.AsMemory(), cancellation);
            if (received.MessageType == WebSocketMessageType.Close)
            {
                instance.Shutdown(SocketShutdown.Send);
                return;
            }

            if (received.MessageType == WebSocketMessageType.Text)
            {
                await client.CloseAsync(WebSocketCloseStatus.InvalidMessageType, "tunnel data must be binary frames", cancellation);
                throw new InvalidDataException("text frame");
            }

            await instance.SendAsync(buffer.AsMemory(0, received.Count), SocketFlags.None, cancellation);
        }
    }

    private static async Task InstanceToClientAsync(Socket instance, WebSocket client, CancellationToken cancellation)
    {
        var buffer = new byte[MaxFrameBytes];
        int read;
        while ((read = await instance.ReceiveAsync(buffer.AsMemory(), SocketFlags.None, cancellation)) > 0)
        {
            await client.SendAsync(buffer.AsMemory(0, read), WebSocketMessageType.Binary, endOfMessage: true, cancellation);
        }

        if (client.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            await client.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, cancellation);
        }
    }
}
