namespace EicAgent.Simulator.Sshd;

/// <summary>
/// What an instance's sshd logged (LogLevel VERBOSE): kept in memory for waiting on, and in a file for reading.
/// Mark <see cref="LineCount"/> before an action and wait for a line after it, e.g. "Accepted publickey for ec2-user".
/// </summary>
public sealed class SshdLog : IDisposable
{
    private readonly object _gate = new();
    private readonly List<string> _lines = [];
    private readonly List<Waiter> _waiters = [];
    private readonly StreamWriter _file;
    private bool _closed;

    internal SshdLog(string path)
    {
        Path = path;
        _file = new StreamWriter(path, append: true) { AutoFlush = true };
    }

    /// <summary>The log file (removed with the simulator's state directory when the simulator stops).</summary>
    public string Path { get; }

    public int LineCount
    {
        get
        {
            lock (_gate)
            {
                return _lines.Count;
            }
        }
    }

    /// <summary>The lines logged after the first <paramref name="after"/> lines.</summary>
    public IReadOnlyList<string> LinesAfter(int after)
    {
        lock (_gate)
        {
            return _lines.Skip(after).ToArray();
        }
    }

    /// <summary>The first line after the first <paramref name="after"/> lines that matches, waiting at most <paramref name="timeout"/>.</summary>
    public Task<string> WaitForLineAsync(Func<string, bool> match, int after, TimeSpan timeout) =>
        WaitForLinesAsync(match, after, 1, timeout);

    /// <summary>Waits until <paramref name="count"/> lines after the first <paramref name="after"/> match; returns the last of them.</summary>
    public async Task<string> WaitForLinesAsync(Func<string, bool> match, int after, int count, TimeSpan timeout)
    {
        Waiter waiter;
        lock (_gate)
        {
            var matching = _lines.Skip(after).Where(match).Take(count).ToList();
            if (matching.Count == count)
            {
                return matching[^1];
            }

            waiter = new Waiter(match, count - matching.Count);
            _waiters.Add(waiter);
        }

        try
        {
            return await waiter.Found.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"sshd logged no matching line within {timeout.TotalSeconds} s; its log since then:\n"
                + string.Join('\n', LinesAfter(after)));
        }
        finally
        {
            lock (_gate)
            {
                _waiters.Remove(waiter);
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _closed = true;
            _file.Dispose();
        }
    }

    internal void Append(string line)
    {
        lock (_gate)
        {
            _lines.Add(line);
            if (!_closed)
            {
                _file.WriteLine(line);
            }

            foreach (var waiter in _waiters.Where(w => w.Match(line)))
            {
                if (--waiter.Remaining == 0)
                {
                    waiter.Found.TrySetResult(line);
                }
            }
        }
    }

    private sealed class Waiter(Func<string, bool> match, int remaining)
    {
        public Func<string, bool> Match { get; } = match;

        public int Remaining { get; set; } = remaining;

        public TaskCompletionSource<string> Found { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
