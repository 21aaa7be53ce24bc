using System.Threading.Channels;
using EicAgent.Aws.SessionManager;

namespace EicAgent.Aws.Tests.SessionManager;

/// <summary>The service's end of a data channel, in memory: tests read what the client sent and inject what the service says.</summary>
internal sealed class FakeDataChannelSocket : IDataChannelSocket
{
    private readonly Channel<byte[]?> _toClient = Channel.CreateUnbounded<byte[]?>();
    private readonly Channel<(byte[] Message, bool Text)> _fromClient = Channel.CreateUnbounded<(byte[], bool)>();

    public ValueTask SendAsync(ReadOnlyMemory<byte> message, bool text, CancellationToken cancellation) =>
        _fromClient.Writer.WriteAsync((message.ToArray(), text), cancellation);

    public async ValueTask<byte[]?> ReceiveAsync(CancellationToken cancellation) => await _toClient.Reader.ReadAsync(cancellation);

    public ValueTask DisposeAsync()
    {
        _toClient.Writer.TryComplete();
        return ValueTask.CompletedTask;
    }

    /// <summary>The next message the client sent (bounded wait).</summary>
    public async Task<(byte[] Message, bool Text)> NextSentAsync() =>
        await _fromClient.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));

    /// <summary>The next binary frame the client sent that is not an acknowledgement.</summary>
    public async Task<SessionMessage> NextStreamMessageAsync()
    {
        while (true)
        {
            var (message, text) = await NextSentAsync();
            var frame = text ? null : SessionMessage.Read(message);
            if (frame is { MessageType: SessionMessageKind.InputStreamData })
            {
                return frame;
            }
        }
    }

    public bool TryTakeSent(out SessionMessage? frame)
    {
        frame = _fromClient.Reader.TryRead(out var sent) && !sent.Text ? SessionMessage.Read(sent.Message) : null;
        return frame is not null;
    }

    public void Say(SessionMessage message) => _toClient.Writer.TryWrite(message.Write());

    public void SayRaw(byte[] frame) => _toClient.Writer.TryWrite(frame);

    public void Close() => _toClient.Writer.TryWrite(null);

    public static SessionMessage Output(long sequence, SessionPayloadType type, byte[] payload) =>
        new(SessionMessageKind.OutputStreamData, sequence, 0, Guid.NewGuid(), type, payload) { CreatedDate = 1 };

    public static SessionMessage Ack(long sequence) => new(
        SessionMessageKind.Acknowledge, 0, 3, Guid.NewGuid(), SessionPayloadType.None,
        System.Text.Encoding.UTF8.GetBytes($"{{\"AcknowledgedMessageType\":\"input_stream_data\",\"AcknowledgedMessageId\":\"{Guid.NewGuid()}\",\"AcknowledgedMessageSequenceNumber\":{sequence},\"IsSequentialMessage\":true}}"))
    {
        CreatedDate = 1,
    };
}
