using System.Buffers.Binary;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text.Json;

namespace EicAgent.Simulator.SessionManager;

/// <summary>
/// The service's and instance agent's side of one open data channel: handshake request (sequence 0), then handshake
/// complete once the client's response arrives; the instance's bytes go out as numbered output_stream_data; every
/// input_stream_data is acknowledged (again if resent) and applied once, in sequence order. The session ends with
/// channel_closed: empty when sshd hung up, with the reason when TerminateSession ended it.
/// </summary>
internal sealed class ServerDataChannel(WebSocket webSocket, Socket tcp, SsmSession session, TimeProvider clock)
{
    private const int ChunkBytes = 16 * 1024;
    private readonly SemaphoreSlim _send = new(1, 1);
    private readonly SortedDictionary<long, ChannelFrame> _ahead = [];
    private readonly TaskCompletionSource _handshaken = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _nextOut;
    private long _expectedIn;

    // Websocket calls never take a token: cancelling one aborts the socket, and with it the channel_closed still in flight.
    public async Task RunAsync(CancellationToken ended)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ended);
        await SendStreamAsync(ChannelFrame.HandshakeRequest, HandshakeRequest(), stop.Token);
        var receiving = ReceiveAsync(stop.Token);
        var pumping = PumpAsync(stop.Token);
        await Task.WhenAny(receiving, pumping, Task.Delay(Timeout.Infinite, ended)).ContinueWith(_ => { }, TaskScheduler.Default);
        var reason = ended.IsCancellationRequested ? session.TerminationReason ?? "" : "";
        await stop.CancelAsync();
        tcp.Dispose();
        await pumping.ContinueWith(_ => { }, TaskScheduler.Default);
        await SendAsync(ClosedFrame(session, reason), CancellationToken.None).ContinueWith(_ => { }, TaskScheduler.Default);
        await CloseOutputAsync(webSocket);
        await receiving.WaitAsync(TimeSpan.FromSeconds(10)).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    /// <summary>channel_closed (with <paramref name="output"/> as its reason), then a normal websocket close.</summary>
    public static async Task CloseAsync(WebSocket webSocket, SsmSession session, string output, TimeProvider clock)
    {
        try
        {
            await webSocket.SendAsync(ClosedFrame(session, output).Encode(clock.GetUtcNow()), WebSocketMessageType.Binary, true, CancellationToken.None);
        }
        catch (Exception error) when (error is WebSocketException or ObjectDisposedException)
        {
            // The client is gone already.
        }

        await CloseOutputAsync(webSocket);
    }

    private static ChannelFrame ClosedFrame(SsmSession session, string output) => new("channel_closed", 0, 0, Guid.NewGuid(), 0, Json(json =>
    {
        json.WriteString("MessageId", Guid.NewGuid().ToString());
        json.WriteString("CreatedDate", DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        json.WriteString("DestinationId", session.Instance.InstanceId);
        json.WriteString("SessionId", session.SessionId);
        json.WriteString("MessageType", "channel_closed");
        json.WriteNumber("SchemaVersion", 1);
        json.WriteString("Output", output);
    }));

    private static async Task CloseOutputAsync(WebSocket webSocket)
    {
        try
        {
            await webSocket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
        }
        catch (Exception error) when (error is WebSocketException or ObjectDisposedException)
        {
        }
    }

    private async Task PumpAsync(CancellationToken cancellation)
    {
        await _handshaken.Task.WaitAsync(cancellation);
        var buffer = new byte[ChunkBytes];
        int read;
        while ((read = await tcp.ReceiveAsync(buffer, cancellation)) > 0)
        {
            await SendStreamAsync(ChannelFrame.Output, buffer[..read], cancellation);
        }
    }

    private async Task ReceiveAsync(CancellationToken cancellation)
    {
        var buffer = new byte[1024 * 1024];
        while (true)
        {
            var length = 0;
            ValueWebSocketReceiveResult received;
            do
            {
                received = await webSocket.ReceiveAsync(buffer.AsMemory(length), CancellationToken.None);
                length += received.Count;
            }
            while (!received.EndOfMessage && length < buffer.Length);

            if (received.MessageType == WebSocketMessageType.Close || cancellation.IsCancellationRequested)
            {
                return;
            }

            if (ChannelFrame.Decode(buffer[..length]) is { Type: "input_stream_data" } frame && !await AcceptAsync(frame, cancellation))
            {
                return;
            }
        }
    }

    /// <returns>False when the client said the session is over.</returns>
    private async Task<bool> AcceptAsync(ChannelFrame frame, CancellationToken cancellation)
    {
        await AcknowledgeAsync(frame, cancellation);
        if (frame.Sequence < _expectedIn)
        {
            return true;
        }

        _ahead[frame.Sequence] = frame;
        while (_ahead.Remove(_expectedIn, out var next))
        {
            _expectedIn++;
            switch (next.PayloadType)
            {
                case ChannelFrame.HandshakeResponse when SessionTypeAccepted(next.Payload):
                    await SendStreamAsync(ChannelFrame.HandshakeComplete, Json(json =>
                    {
                        json.WriteNumber("HandshakeTimeToComplete", 1_000_000);
                        json.WriteString("CustomerMessage", "");
                    }), cancellation);
                    _handshaken.TrySetResult();
                    break;
                case ChannelFrame.Output when _handshaken.Task.IsCompleted:
                    await tcp.SendAsync(next.Payload, cancellation);
                    break;
                case ChannelFrame.Flag when next.Payload.Length == 4 && BinaryPrimitives.ReadUInt32BigEndian(next.Payload) is 1 or 2:
                    return false;
                default:
                    break;
            }
        }

        return true;
    }

    private Task AcknowledgeAsync(ChannelFrame frame, CancellationToken cancellation) => SendAsync(new ChannelFrame("acknowledge", 0, 3, Guid.NewGuid(), 0, Json(json =>
    {
        json.WriteString("AcknowledgedMessageType", frame.Type);
        json.WriteString("AcknowledgedMessageId", frame.Id.ToString());
        json.WriteNumber("AcknowledgedMessageSequenceNumber", frame.Sequence);
        json.WriteBoolean("IsSequentialMessage", true);
    })), cancellation);

    private Task SendStreamAsync(uint payloadType, byte[] payload, CancellationToken cancellation) =>
        SendAsync(new ChannelFrame("output_stream_data", Interlocked.Increment(ref _nextOut) - 1, 0, Guid.NewGuid(), payloadType, payload), cancellation);

    private async Task SendAsync(ChannelFrame frame, CancellationToken cancellation)
    {
        await _send.WaitAsync(cancellation);
        try
        {
            await webSocket.SendAsync(frame.Encode(clock.GetUtcNow()), WebSocketMessageType.Binary, true, CancellationToken.None);
        }
        finally
        {
            _send.Release();
        }
    }

    private byte[] HandshakeRequest() => Json(json =>
    {
        json.WriteString("AgentVersion", "3.3.1142.0");
        json.WriteStartArray("RequestedClientActions");
        json.WriteStartObject();
        json.WriteString("ActionType", "SessionType");
        json.WriteStartObject("ActionParameters");
        json.WriteString("SessionType", "Port");
        json.WriteStartObject("Properties");
        json.WriteString("portNumber", session.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndArray();
    });

    private static bool SessionTypeAccepted(byte[] payload)
    {
        try
        {
            using var document = JsonDocument.Parse(payload);
            return document.RootElement.GetProperty("ProcessedClientActions").EnumerateArray()
                .Any(a => a.GetProperty("ActionType").GetString() == "SessionType" && a.GetProperty("ActionStatus").GetInt32() == 1);
        }
        catch (Exception error) when (error is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return false;
        }
    }

    private static byte[] Json(Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            body(json);
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
