namespace EicAgent.Simulator.Faults;

/// <summary>
/// Trouble to inject into one service's calls, changeable while the simulator runs: a delay before every answer
/// (wall-clock time), and throttling errors for the next N calls or above a call rate (measured on the simulator's clock).
/// </summary>
public sealed class ServiceFaults(TimeProvider clock)
{
    private readonly object _gate = new();
    private TimeSpan _latency;
    private int _throttleNext;
    private double _ratePerSecond;
    private double _burst;
    private double _tokens;
    private DateTimeOffset _refilledAt;

    /// <summary>Added before every answer of this service (e.g. 50 or 150 ms to see what round trips cost).</summary>
    public TimeSpan Latency
    {
        get
        {
            lock (_gate)
            {
                return _latency;
            }
        }

        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero);
            lock (_gate)
            {
                _latency = value;
            }
        }
    }

    /// <summary>Answers the next <paramref name="calls"/> authenticated calls with the service's throttling error.</summary>
    public void ThrottleNext(int calls)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(calls);
        lock (_gate)
        {
            _throttleNext = calls;
        }
    }

    /// <summary>Throttles calls beyond <paramref name="callsPerSecond"/> (a token bucket holding <paramref name="burst"/> calls).</summary>
    public void LimitRate(double callsPerSecond, int burst = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(callsPerSecond);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(burst);
        lock (_gate)
        {
            _ratePerSecond = callsPerSecond;
            _burst = burst;
            _tokens = burst;
            _refilledAt = clock.GetUtcNow();
        }
    }

    /// <summary>No latency, no throttling.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _latency = TimeSpan.Zero;
            _throttleNext = 0;
            _ratePerSecond = 0;
        }
    }

    /// <summary>Counts one call; false when it is to be throttled.</summary>
    internal bool TryAdmit()
    {
        lock (_gate)
        {
            if (_throttleNext > 0)
            {
                _throttleNext--;
                return false;
            }

            if (_ratePerSecond <= 0)
            {
                return true;
            }

            var now = clock.GetUtcNow();
            _tokens = Math.Min(_burst, _tokens + ((now - _refilledAt).TotalSeconds * _ratePerSecond));
            _refilledAt = now;
            if (_tokens < 1)
            {
                return false;
            }

            _tokens--;
            return true;
        }
    }
}
