using System.Collections.Concurrent;

namespace EicAgent.Aws.Instances;

/// <summary>
/// Remembers resolutions for a short time (default 60 s) so a burst of connections (parallel scp, ansible forks)
/// costs one DescribeInstances. Concurrent lookups of one target share one call; failures are not remembered.
/// </summary>
internal sealed class CachingInstanceResolver(IInstanceResolver inner, TimeSpan timeToLive, TimeProvider time) : IInstanceResolver
{
    public static readonly TimeSpan DefaultTimeToLive = TimeSpan.FromSeconds(60);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public async Task<Ec2Instance> ResolveAsync(string target, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var entry = _entries.AddOrUpdate(
            target,
            _ => Start(target, now),
            (_, existing) => existing.IsFresh(now) ? existing : Start(target, now));
        try
        {
            return await entry.Lookup.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch when (entry.Failed)
        {
            // Only a lookup that failed is forgotten: one caller giving up (its token) leaves it for the others.
            _entries.TryRemove(new KeyValuePair<string, Entry>(target, entry));
            throw;
        }
    }

    public void Invalidate(string target) => _entries.TryRemove(target, out _);

    // The shared lookup is not tied to any one caller's token: a caller that gives up must not fail the others.
    // Its own bound comes from the scope's call timeout.
    private Entry Start(string target, DateTimeOffset now) =>
        new(new Lazy<Task<Ec2Instance>>(() => inner.ResolveAsync(target, CancellationToken.None)), now + timeToLive);

    /// <summary>Lazy, so that of two racing adds only the one that lands starts a lookup.</summary>
    private sealed record Entry(Lazy<Task<Ec2Instance>> Lookup, DateTimeOffset ExpiresAt)
    {
        public bool Failed => Lookup.IsValueCreated && (Lookup.Value.IsFaulted || Lookup.Value.IsCanceled);

        public bool IsFresh(DateTimeOffset now) =>
            now < ExpiresAt && !(Lookup.IsValueCreated && (Lookup.Value.IsFaulted || Lookup.Value.IsCanceled));
    }
}
