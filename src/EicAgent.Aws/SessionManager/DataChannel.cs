using System.Buffers.Binary;

namespace EicAgent.Aws.SessionManager;

/// <summary>
/// A client of Session Manager's data channel for a port session (document AWS-StartSSHSession): sends the token,
/// answers the instance agent's handshake, then carries a byte stream both ways -- every output message acknowledged,
/// input kept in flight up to a window and resent when its acknowledgement is late, pause/start publication honoured.
/// </summary>
public sealed class DataChannel : IAsyncDisposable
{
    private readonly IDataChannelSocket _socket;
    private readonly DataChannelOptions _options;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly DataChannelOutbox _outbox;
    private readonly DataChannelInbox _inbox;
    private readonly TaskCompletionSource _handshake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private Task _receiving = Task.CompletedTask;
    private Task _resending = Task.CompletedTask;
    private Exception? _failure;

    private DataChannel(IDataChannelSocket socket, string sessionId, DataChannelOptions options, TimeProvider time)
    {
        _socket = socket;
        _options = options;
        _time = time;
        SessionId = sessionId;
        _outbox = new DataChannelOutbox(SendFrameAsync, options, time);
        _inbox = new DataChannelInbox(options);
    }

    public string SessionId { get; }

    /// <summary>Input messages not acknowledged yet.</summary>
    public int InFlight => _outbox.InFlight;

    /// <summary>Opens the channel on a connected socket and waits for the handshake to complete.</summary>
    /// <exception cref="DataChannelException">The service refused the token, the agent's handshake failed or timed out, or the socket broke.</exception>
    public static async Task<DataChannel> OpenAsync(
        IDataChannelSocket socket, string sessionId, string tokenValue, DataChannelOptions options, TimeProvider time, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(socket);
        var channel = new DataChannel(socket, sessionId, options, time);
        await channel.SendFrameAsync(SessionPayloads.OpenDataChannel(tokenValue, Guid.NewGuid()), text: true, cancellation).ConfigureAwait(false);
        channel._receiving = channel.ReceiveLoopAsync();
        channel._resending = channel.ResendLoopAsync();
        try
        {
            await channel._handshake.Task.WaitAsync(options.HandshakeTimeout, time, cancellation).ConfigureAwait(false);
            return channel;
        }
        catch (TimeoutException)
        {
            await channel.DisposeAsync().ConfigureAwait(false);
            throw new DataChannelException(
                $"the SSM agent on the instance did not complete the session handshake within {options.HandshakeTimeout.TotalSeconds:0} s");
        }
        catch
        {
            await channel.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Reads what the instance sent; 0 at the end of the session.</summary>
    public async ValueTask<ReadOnlyMemory<byte>> ReadAsync(CancellationToken cancellation)
    {
        var output = _inbox.Output.Reader;
        while (await output.WaitToReadAsync(cancellation).ConfigureAwait(false))
        {
            if (output.TryRead(out var payload))
            {
                return payload;
            }
        }

        return ReadOnlyMemory<byte>.Empty;
    }

    /// <summary>Sends <paramref name="data"/> in messages of at most <see cref="DataChannelOptions.MaxPayloadBytes"/>; returns once they are sent, not acknowledged.</summary>
    public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellation)
    {
        ThrowIfFailed();
        for (var offset = 0; offset < data.Length; offset += _options.MaxPayloadBytes)
        {
            var chunk = data.Slice(offset, Math.Min(_options.MaxPayloadBytes, data.Length - offset));
            await _outbox.SendAsync(SessionPayloadType.Output, chunk, cancellation).ConfigureAwait(false);
        }
    }

    /// <summary>Waits (bounded) until the service has acknowledged everything sent, then tells the agent the session is over.</summary>
    public async Task FinishAsync(TimeSpan bound, CancellationToken cancellation)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellation, _stop.Token);
        bounded.CancelAfter(bound);
        try
        {
            await _outbox.DrainedAsync(bounded.Token).ConfigureAwait(false);
            var flag = new byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(flag, (uint)SessionFlag.TerminateSession);
            await _outbox.SendAsync(SessionPayloadType.Flag, flag, bounded.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            // The session ends anyway: the agent's TerminateSession call closes it on the service's side.
        }
    }

    /// <summary>Completes when the service has closed the channel (or the channel stopped).</summary>
    public Task Ended => _receiving;

    /// <summary>Stops receiving: readers see the end of the stream.</summary>
    public Task StopAsync() => _stop.CancelAsync();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _socket.DisposeAsync().ConfigureAwait(false);
        await Task.WhenAll(_receiving, _resending).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
        _stop.Dispose();
    }

    private void ThrowIfFailed()
    {
        if (_failure is { } failure)
        {
            throw failure is DataChannelException ? new DataChannelException(failure.Message, failure) : failure;
        }
    }

    private ValueTask SendFrameAsync(ReadOnlyMemory<byte> frame, CancellationToken cancellation) => SendFrameAsync(frame, text: false, cancellation);

    private async ValueTask SendFrameAsync(ReadOnlyMemory<byte> frame, bool text, CancellationToken cancellation)
    {
        await _sendLock.WaitAsync(cancellation).ConfigureAwait(false);
        try
        {
            await _socket.SendAsync(frame, text, cancellation).ConfigureAwait(false);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private async Task ReceiveLoopAsync()
    {
        try
        {
            while (await _socket.ReceiveAsync(_stop.Token).ConfigureAwait(false) is { } frame)
            {
                if (!await DispatchAsync(SessionMessage.Read(frame)).ConfigureAwait(false))
                {
                    break;
                }
            }

            End(null);
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            End(null);
        }
        catch (Exception error) when (error is DataChannelException or InvalidDataException)
        {
            End(error is DataChannelException ? error : new DataChannelException($"Session Manager sent a malformed message: {error.Message}", error));
        }
    }

    /// <returns>False once the service closed the channel.</returns>
    private async Task<bool> DispatchAsync(SessionMessage message)
    {
        switch (message.MessageType)
        {
            case SessionMessageKind.OutputStreamData:
                await ReceiveStreamDataAsync(message).ConfigureAwait(false);
                return true;
            case SessionMessageKind.Acknowledge:
                _outbox.Acknowledged(SessionPayloads.AcknowledgedSequenceNumber(message.Payload));
                return true;
            case SessionMessageKind.PausePublication:
                _outbox.Pause();
                return true;
            case SessionMessageKind.StartPublication:
                _outbox.Resume();
                return true;
            case SessionMessageKind.ChannelClosed:
                var said = SessionPayloads.ChannelClosedOutput(message.Payload);
                End(said.Length == 0 && _handshake.Task.IsCompleted ? null : new DataChannelException(
                    $"Session Manager ended session {SessionId}{(said.Length == 0 ? "" : ": " + said.ReplaceLineEndings(" ").Trim())}"));
                return false;
            default:
                return true;
        }
    }

    private async Task ReceiveStreamDataAsync(SessionMessage message)
    {
        var ready = _inbox.Accept(message, out var acknowledge);
        if (acknowledge)
        {
            var ack = new SessionMessage(SessionMessageKind.Acknowledge, 0, 3, Guid.NewGuid(), SessionPayloadType.None, SessionPayloads.Acknowledge(message))
            {
                CreatedDate = (ulong)_time.GetUtcNow().ToUnixTimeMilliseconds(),
            };
            await SendFrameAsync(ack.Write(), _stop.Token).ConfigureAwait(false);
        }

        foreach (var next in ready)
        {
            switch (next.PayloadType)
            {
                case SessionPayloadType.HandshakeRequest:
                    await _outbox.SendAsync(SessionPayloadType.HandshakeResponse, SessionPayloads.HandshakeResponse(next.Payload), _stop.Token).ConfigureAwait(false);
                    break;
                case SessionPayloadType.HandshakeComplete:
                    _handshake.TrySetResult();
                    break;
                case SessionPayloadType.Output:
                    await _inbox.Output.Writer.WriteAsync(next.Payload, _stop.Token).ConfigureAwait(false);
                    break;
                default:
                    break;
            }
        }
    }

    private async Task ResendLoopAsync()
    {
        using var timer = new PeriodicTimer(_options.MinRetransmitTimeout / 2, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                await _outbox.ResendOverdueAsync(_stop.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (DataChannelException error)
        {
            End(error);
            await _stop.CancelAsync().ConfigureAwait(false);
        }
    }

    private void End(Exception? failure)
    {
        _failure ??= failure;
        _inbox.Output.Writer.TryComplete(failure);
        _handshake.TrySetException(failure ?? new DataChannelException($"Session Manager closed session {SessionId} before its handshake completed"));
    }
}
