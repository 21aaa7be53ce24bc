using System.Text;
using System.Text.Json;
using EicAgent.Aws.SessionManager;
using Microsoft.Extensions.Time.Testing;

namespace EicAgent.Aws.Tests.SessionManager;

/// <summary>The client's side of the data channel against an in-memory service: handshake, window, order, acknowledgements, resends, pause.</summary>
public sealed class DataChannelTests
{
    private readonly FakeDataChannelSocket _service = new();
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-12-01T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public async Task Opening_sends_the_token_then_answers_the_handshake_and_waits_for_its_completion()
    {
        var opening = DataChannel.OpenAsync(_service, "s-1", "the-token", new DataChannelOptions(), _time, CancellationToken.None);

        var (first, text) = await _service.NextSentAsync();
        Assert.True(text);
        Assert.Equal("the-token", JsonDocument.Parse(first).RootElement.GetProperty("TokenValue").GetString());
        _service.Say(FakeDataChannelSocket.Output(0, SessionPayloadType.HandshakeRequest, """{"RequestedClientActions":[{"ActionType":"SessionType"}]}"""u8.ToArray()));
        var (ack, _) = await _service.NextSentAsync();
        Assert.Equal(0, AcknowledgedSequence(SessionMessage.Read(ack)));
        var response = await _service.NextStreamMessageAsync();
        Assert.Equal((0L, SessionPayloadType.HandshakeResponse), (response.SequenceNumber, response.PayloadType));
        Assert.False(opening.IsCompleted);

        _service.Say(FakeDataChannelSocket.Output(1, SessionPayloadType.HandshakeComplete, "{}"u8.ToArray()));
        await using var channel = await opening.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("s-1", channel.SessionId);
    }

    [Fact]
    public async Task Writes_keep_many_messages_in_flight_up_to_the_window_without_waiting_for_each_acknowledgement()
    {
        await using var channel = await OpenAsync(new DataChannelOptions { MaxPayloadBytes = 4, MaxInFlight = 5 });

        var writing = channel.WriteAsync(Encoding.ASCII.GetBytes("0123456789abcdefghijklmnopqrstuv"), CancellationToken.None).AsTask();
        var sent = new List<SessionMessage>();
        for (var i = 0; i < 5; i++)
        {
            sent.Add(await _service.NextStreamMessageAsync());
        }

        Assert.Equal([1L, 2, 3, 4, 5], sent.Select(m => m.SequenceNumber));
        Assert.Equal("0123", Encoding.ASCII.GetString(sent[0].Payload.Span));
        Assert.False(writing.IsCompleted);
        Assert.Equal(5, channel.InFlight);

        _service.Say(FakeDataChannelSocket.Ack(1));
        _service.Say(FakeDataChannelSocket.Ack(2));
        sent.Add(await _service.NextStreamMessageAsync());
        sent.Add(await _service.NextStreamMessageAsync());
        Assert.Equal([6L, 7], sent.Skip(5).Select(m => m.SequenceNumber));
        for (var sequence = 3; sequence <= 8; sequence++)
        {
            _service.Say(FakeDataChannelSocket.Ack(sequence));
        }

        await writing.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Output_is_delivered_once_in_sequence_order_and_every_message_is_acknowledged()
    {
        await using var channel = await OpenAsync(new DataChannelOptions());

        _service.Say(FakeDataChannelSocket.Output(3, SessionPayloadType.Output, "third"u8.ToArray()));
        _service.Say(FakeDataChannelSocket.Output(2, SessionPayloadType.Output, "second"u8.ToArray()));
        _service.Say(FakeDataChannelSocket.Output(2, SessionPayloadType.Output, "second"u8.ToArray()));
        _service.Say(FakeDataChannelSocket.Output(4, SessionPayloadType.Output, "fourth"u8.ToArray()));

        Assert.Equal("second", Encoding.ASCII.GetString((await channel.ReadAsync(CancellationToken.None)).Span));
        Assert.Equal("third", Encoding.ASCII.GetString((await channel.ReadAsync(CancellationToken.None)).Span));
        Assert.Equal("fourth", Encoding.ASCII.GetString((await channel.ReadAsync(CancellationToken.None)).Span));
        var acknowledged = new List<long>();
        for (var i = 0; i < 4; i++)
        {
            acknowledged.Add(AcknowledgedSequence(SessionMessage.Read((await _service.NextSentAsync()).Message)));
        }

        Assert.Equal([3L, 2, 2, 4], acknowledged);
    }

    [Fact]
    public async Task An_unacknowledged_message_is_resent_unchanged_after_the_timeout_and_not_after_its_acknowledgement()
    {
        var options = new DataChannelOptions { InitialRetransmitTimeout = TimeSpan.FromSeconds(1) };
        await using var channel = await OpenAsync(options);
        await channel.WriteAsync("data"u8.ToArray(), CancellationToken.None);
        var original = await _service.NextStreamMessageAsync();

        _time.Advance(TimeSpan.FromSeconds(1.5));
        var resent = await _service.NextStreamMessageAsync();

        Assert.Equal((original.SequenceNumber, original.MessageId), (resent.SequenceNumber, resent.MessageId));
        Assert.Equal(original.Payload.ToArray(), resent.Payload.ToArray());
        _service.Say(FakeDataChannelSocket.Ack(original.SequenceNumber));
        await WaitForAsync(() => channel.InFlight == 0);
        _time.Advance(TimeSpan.FromSeconds(10));
        _service.Say(FakeDataChannelSocket.Output(2, SessionPayloadType.Output, "marker"u8.ToArray()));
        await channel.ReadAsync(CancellationToken.None);
        Assert.True(_service.TryTakeSent(out var next));
        Assert.Equal(SessionMessageKind.Acknowledge, next!.MessageType);
    }

    [Fact]
    public async Task A_message_never_acknowledged_ends_the_channel_with_a_reason()
    {
        await using var channel = await OpenAsync(new DataChannelOptions { GiveUpAfter = TimeSpan.FromSeconds(20) });
        await channel.WriteAsync("data"u8.ToArray(), CancellationToken.None);

        for (var i = 0; i < 30 && !channel.Ended.IsCompleted; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            await Task.Yield();
        }

        var error = await Assert.ThrowsAsync<DataChannelException>(async () => await channel.ReadAsync(CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("acknowledged nothing for 20 s", error.Message);
    }

    [Fact]
    public async Task Pause_publication_holds_new_input_until_start_publication()
    {
        await using var channel = await OpenAsync(new DataChannelOptions());
        _service.Say(new SessionMessage(SessionMessageKind.PausePublication, 0, 0, Guid.NewGuid(), SessionPayloadType.None, ReadOnlyMemory<byte>.Empty) { CreatedDate = 1 });
        _service.Say(FakeDataChannelSocket.Output(2, SessionPayloadType.Output, "after pause"u8.ToArray()));
        await channel.ReadAsync(CancellationToken.None);
        await _service.NextSentAsync();

        var writing = channel.WriteAsync("held"u8.ToArray(), CancellationToken.None).AsTask();
        await Task.Delay(200);
        Assert.False(writing.IsCompleted);
        Assert.False(_service.TryTakeSent(out _));

        _service.Say(new SessionMessage(SessionMessageKind.StartPublication, 0, 0, Guid.NewGuid(), SessionPayloadType.None, ReadOnlyMemory<byte>.Empty) { CreatedDate = 1 });
        var sent = await _service.NextStreamMessageAsync();
        Assert.Equal("held", Encoding.ASCII.GetString(sent.Payload.Span));
        await writing.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Channel_closed_with_a_reason_is_an_error_and_without_one_the_end_of_the_stream()
    {
        await using (var ended = await OpenAsync(new DataChannelOptions()))
        {
            _service.Say(new SessionMessage(SessionMessageKind.ChannelClosed, 0, 0, Guid.NewGuid(), SessionPayloadType.None, """{"Output":"Session s-1 was terminated."}"""u8.ToArray()) { CreatedDate = 1 });
            var error = await Assert.ThrowsAsync<DataChannelException>(async () => await ended.ReadAsync(CancellationToken.None));
            Assert.Equal("Session Manager ended session s-1: Session s-1 was terminated.", error.Message);
        }

        var quiet = new FakeDataChannelSocket();
        await using var closed = await OpenAsync(new DataChannelOptions(), quiet);
        quiet.Say(new SessionMessage(SessionMessageKind.ChannelClosed, 0, 0, Guid.NewGuid(), SessionPayloadType.None, """{"Output":""}"""u8.ToArray()) { CreatedDate = 1 });
        Assert.True((await closed.ReadAsync(CancellationToken.None)).IsEmpty);
    }

    private async Task<DataChannel> OpenAsync(DataChannelOptions options, FakeDataChannelSocket? socket = null)
    {
        var service = socket ?? _service;
        var opening = DataChannel.OpenAsync(service, "s-1", "token", options, _time, CancellationToken.None);
        await service.NextSentAsync();
        service.Say(FakeDataChannelSocket.Output(0, SessionPayloadType.HandshakeRequest, """{"RequestedClientActions":[{"ActionType":"SessionType"}]}"""u8.ToArray()));
        await service.NextSentAsync();
        var response = await service.NextStreamMessageAsync();
        service.Say(FakeDataChannelSocket.Ack(response.SequenceNumber));
        service.Say(FakeDataChannelSocket.Output(1, SessionPayloadType.HandshakeComplete, "{}"u8.ToArray()));
        var channel = await opening.WaitAsync(TimeSpan.FromSeconds(30));
        await service.NextSentAsync();
        await WaitForAsync(() => channel.InFlight == 0);
        return channel;
    }

    private static long AcknowledgedSequence(SessionMessage ack)
    {
        Assert.Equal((SessionMessageKind.Acknowledge, 3UL), (ack.MessageType, ack.Flags));
        return SessionPayloads.AcknowledgedSequenceNumber(ack.Payload);
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            await Task.Delay(10, timeout.Token);
        }
    }
}
