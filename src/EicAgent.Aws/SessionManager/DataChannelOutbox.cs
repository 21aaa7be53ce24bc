namespace EicAgent.Aws.SessionManager;

/// <summary>
/// The sending half: numbers input_stream_data messages, keeps up to <see cref="DataChannelOptions.MaxInFlight"/> of
/// them unacknowledged at once (a window, not stop-and-wait), resends those whose acknowledgement is overdue, and
/// holds new messages while the service has paused publication.
/// </summary>
internal sealed class DataChannelOutbox(Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask> send, DataChannelOptions options, TimeProvider time)
{
    private readonly SemaphoreSlim _window = new(options.MaxInFlight, options.MaxInFlight);
    private readonly SemaphoreSlim _order = new(1, 1);
    private readonly Dictionary<long, Pending> _unacknowledged = [];
    private readonly RoundTrip _roundTrip = new(options);
    private TaskCompletionSource _resumed = Resumed();
    private TaskCompletionSource _drained = Drained();
    private long _nextSequence;

    public int InFlight
    {
        get
        {
            lock (_unacknowledged)
            {
                return _unacknowledged.Count;
            }
        }
    }

    public TimeSpan RetransmitTimeout => _roundTrip.Timeout;

    /// <summary>Numbers, sends and keeps <paramref name="payload"/> until it is acknowledged.</summary>
    public async ValueTask SendAsync(SessionPayloadType type, ReadOnlyMemory<byte> payload, CancellationToken cancellation)
    {
        await _order.WaitAsync(cancellation).ConfigureAwait(false);
        try
        {
            Task resumed;
            lock (_unacknowledged)
            {
                resumed = _resumed.Task;
            }

            await resumed.WaitAsync(cancellation).ConfigureAwait(false);
            await _window.WaitAsync(cancellation).ConfigureAwait(false);
            var sequence = _nextSequence++;
            var frame = new SessionMessage(SessionMessageKind.InputStreamData, sequence, 0, Guid.NewGuid(), type, payload.ToArray())
            {
                CreatedDate = (ulong)time.GetUtcNow().ToUnixTimeMilliseconds(),
            }.Write();
            lock (_unacknowledged)
            {
                _unacknowledged[sequence] = new Pending(frame, time.GetTimestamp(), time.GetTimestamp());
                if (_drained.Task.IsCompleted)
                {
                    _drained = Drained();
                }
            }

            await send(frame, cancellation).ConfigureAwait(false);
        }
        finally
        {
            _order.Release();
        }
    }

    public void Acknowledged(long sequence)
    {
        lock (_unacknowledged)
        {
            if (!_unacknowledged.Remove(sequence, out var pending))
            {
                return;
            }

            // Karn: only a message sent once measures the round trip.
            if (pending.Attempts == 0)
            {
                _roundTrip.Measured(time.GetElapsedTime(pending.LastSent));
            }

            if (_unacknowledged.Count == 0)
            {
                _drained.TrySetResult();
            }
        }

        _window.Release();
    }

    public void Pause()
    {
        lock (_unacknowledged)
        {
            if (_resumed.Task.IsCompleted)
            {
                _resumed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }

    public void Resume()
    {
        lock (_unacknowledged)
        {
            _resumed.TrySetResult();
        }
    }

    /// <summary>Completes when every message sent so far is acknowledged.</summary>
    public Task DrainedAsync(CancellationToken cancellation)
    {
        lock (_unacknowledged)
        {
            return _unacknowledged.Count == 0 ? Task.CompletedTask : _drained.Task.WaitAsync(cancellation);
        }
    }

    /// <summary>Resends every message whose acknowledgement is overdue; throws when one has waited past <see cref="DataChannelOptions.GiveUpAfter"/>.</summary>
    public async Task ResendOverdueAsync(CancellationToken cancellation)
    {
        List<(long Sequence, byte[] Frame)> overdue;
        lock (_unacknowledged)
        {
            if (_unacknowledged.Count == 0 || !_resumed.Task.IsCompleted)
            {
                return;
            }

            var timeout = _roundTrip.Timeout;
            overdue = [.. _unacknowledged.Where(p => time.GetElapsedTime(p.Value.LastSent) >= timeout).OrderBy(p => p.Key).Select(p => (p.Key, p.Value.Frame))];
            foreach (var (sequence, _) in overdue)
            {
                var pending = _unacknowledged[sequence];
                if (time.GetElapsedTime(pending.FirstSent) >= options.GiveUpAfter)
                {
                    throw new DataChannelException(
                        $"Session Manager acknowledged nothing for {options.GiveUpAfter.TotalSeconds:0} s (message {sequence} was sent {pending.Attempts + 1} times)");
                }

                _unacknowledged[sequence] = pending with { LastSent = time.GetTimestamp(), Attempts = pending.Attempts + 1 };
            }

            if (overdue.Count > 0)
            {
                _roundTrip.BackOff();
            }
        }

        foreach (var (_, frame) in overdue)
        {
            await send(frame, cancellation).ConfigureAwait(false);
        }
    }

    private static TaskCompletionSource Resumed()
    {
        var resumed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        resumed.SetResult();
        return resumed;
    }

    private static TaskCompletionSource Drained() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private sealed record Pending(byte[] Frame, long FirstSent, long LastSent, int Attempts = 0);
}
