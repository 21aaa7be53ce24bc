using System.Buffers;
using System.Net.WebSockets;

namespace EicAgent.Aws.SessionManager;

/// <summary>A connected websocket as an <see cref="IDataChannelSocket"/>: reassembles fragmented messages, turns close codes into reasons.</summary>
public sealed class WebSocketDataChannelSocket(WebSocket socket, IDisposable? owner = null) : IDataChannelSocket
{
    // A data channel message is a header and one payload; nothing legitimate comes near this.
    private const int MaxMessageBytes = 4 * 1024 * 1024;

    public ValueTask SendAsync(ReadOnlyMemory<byte> message, bool text, CancellationToken cancellation) =>
        Translate(socket.SendAsync(message, text ? WebSocketMessageType.Text : WebSocketMessageType.Binary, endOfMessage: true, cancellation));

    public async ValueTask<byte[]?> ReceiveAsync(CancellationToken cancellation)
    {
        var buffer = new ArrayBufferWriter<byte>(8192);
        while (true)
        {
            ValueWebSocketReceiveResult received;
            try
            {
                received = await socket.ReceiveAsync(buffer.GetMemory(8192), cancellation).ConfigureAwait(false);
            }
            catch (WebSocketException error)
            {
                throw new DataChannelException($"the Session Manager data channel broke: {error.Message}", error);
            }

            if (received.MessageType == WebSocketMessageType.Close)
            {
                return socket.CloseStatus is WebSocketCloseStatus.NormalClosure or null
                    ? null
                    : throw new DataChannelException(
                        $"Session Manager closed the data channel (code {(int)socket.CloseStatus}): {(string.IsNullOrWhiteSpace(socket.CloseStatusDescription) ? "no reason given" : socket.CloseStatusDescription)}");
            }

            buffer.Advance(received.Count);
            if (buffer.WrittenCount > MaxMessageBytes)
            {
                throw new DataChannelException($"Session Manager sent a message over {MaxMessageBytes} bytes");
            }

            if (received.EndOfMessage)
            {
                return buffer.WrittenSpan.ToArray();
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        socket.Dispose();
        owner?.Dispose();
        return ValueTask.CompletedTask;
    }

    private static async ValueTask Translate(ValueTask send)
    {
        try
        {
            await send.ConfigureAwait(false);
        }
        catch (WebSocketException error)
        {
            throw new DataChannelException($"the Session Manager data channel broke while sending: {error.Message}", error);
        }
    }
}
