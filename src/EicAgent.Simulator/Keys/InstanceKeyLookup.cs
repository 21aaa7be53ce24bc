using System.Collections.Concurrent;

namespace EicAgent.Simulator.Keys;

/// <summary>
/// The work an instance does per key lookup (<see cref="KeyLookupCost"/>): one unit per live key, each holding one of
/// the instance's cores, so concurrent logins to one instance queue behind each other as openssl runs do there.
/// Lookups past the limit are counted, as they are what turns a burst into "Permission denied (publickey)".
/// </summary>
internal sealed class InstanceKeyLookup(KeyLookupCost cost)
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _cores = new();
    private int _lookups;
    private int _timeouts;

    /// <summary>Key lookups answered so far (sshd makes two per login).</summary>
    public int Lookups => Volatile.Read(ref _lookups);

    /// <summary>Lookups that ran past the limit and so returned no key.</summary>
    public int Timeouts => Volatile.Read(ref _timeouts);

    /// <summary>Verifies <paramref name="keys"/> keys on <paramref name="instanceId"/>; false when that takes longer than the limit.</summary>
    public async Task<bool> VerifyAsync(string instanceId, int keys, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _lookups);
        if (cost.PerKey <= TimeSpan.Zero || keys == 0)
        {
            return true;
        }

        var cores = _cores.GetOrAdd(instanceId, _ => new SemaphoreSlim(cost.Cores, cost.Cores));
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(cost.Limit);
        try
        {
            for (var i = 0; i < keys; i++)
            {
                await cores.WaitAsync(deadline.Token).ConfigureAwait(false);
                try
                {
                    await Task.Delay(cost.PerKey, deadline.Token).ConfigureAwait(false);
                }
                finally
                {
                    cores.Release();
                }
            }

            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Interlocked.Increment(ref _timeouts);
            return false;
        }
    }
}
