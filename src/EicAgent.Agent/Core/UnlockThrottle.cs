namespace EicAgent.Agent.Core;

/// <summary>
/// Slows down passphrase guessing as OpenSSH's ssh-agent does (process_lock_agent): a failed unlock is answered
/// only after 0.1 s times the number of failures in a row, at most 10 s, so 10 wrong guesses take 5.5 s. OpenSSH
/// sleeps and so serves nobody meanwhile; here only unlock attempts wait: they take turns, and a failed one keeps
/// the turn through its delay, so guesses sent on many connections at once are no faster. Other requests are
/// served as usual.
/// </summary>
internal sealed class UnlockThrottle(TimeProvider time)
{
    public static readonly TimeSpan Step = TimeSpan.FromMilliseconds(100);
    public const int MaxCountedFailures = 100;

    private readonly SemaphoreSlim _turn = new(1, 1);
    private int _failures;

    /// <summary>How long the answer to the <paramref name="failures"/>-th failure in a row is held back.</summary>
    public static TimeSpan DelayAfter(int failures) => Step * Math.Min(failures, MaxCountedFailures);

    /// <summary>
    /// Runs <paramref name="attempt"/> (true when it unlocked) in its turn; a failure for which
    /// <paramref name="counts"/> says true returns only after its delay. Returns the number of failures in a row
    /// so far, 0 after a success or a failure that does not count (nothing was locked).
    /// </summary>
    public async Task<int> RunAsync(Func<bool> attempt, Func<bool> counts, CancellationToken cancellationToken)
    {
        await _turn.WaitAsync(cancellationToken);
        try
        {
            if (attempt())
            {
                _failures = 0;
                return 0;
            }

            if (!counts())
            {
                return 0;
            }

            _failures = Math.Min(_failures + 1, MaxCountedFailures);
            await Task.Delay(DelayAfter(_failures), time, cancellationToken);
            return _failures;
        }
        finally
        {
            _turn.Release();
        }
    }
}
