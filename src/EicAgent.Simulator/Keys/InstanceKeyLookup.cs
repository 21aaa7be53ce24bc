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
    private readonly ConcurrentDictionary<(string InstanceId, string OsUser), int> _lookups = new();
    private int _timeouts;

    /// <summary>
    /// Key lookups answered so far: one per run of an instance's AuthorizedKeysCommand, which sshd makes each time it
    /// judges a key (an offer, then the signature: two per login when ssh offers first).
    /// </summary>
    public int Lookups => _lookups.Values.Sum();

    /// <summary>Key lookups <paramref name="instanceId"/> has made for <paramref name="osUser"/> so far.</summary>
    public int LookupsFor(string instanceId, string osUser) => _lookups.GetValueOrDefault((instanceId, osUser));

    /// <summary>Lookups that ran past the limit and so returned no key.</summary>
    public int Timeouts => Volatile.Read(ref _timeouts);

    /// <summary>Verifies <paramref name="keys"/> keys on <paramref name="instanceId"/>; false when that takes longer than the limit.</summary>
    public async Task<bool> VerifyAsync(string instanceId, string osUser, int keys, CancellationToken cancellationToken)
    {
        _lookups.AddOrUpdate((instanceId, osUser), 1, (_, lookups) => lookups + 1);
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
