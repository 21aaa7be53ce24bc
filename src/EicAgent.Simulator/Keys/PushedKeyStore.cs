namespace EicAgent.Simulator.Keys;

/// <summary>
/// The keys pushed with SendSSHPublicKey, per instance and OS user. Like EC2 Instance Connect, a key is served
/// to sshd for 60 seconds after its push (all of the window: sshd reads it more than once per login), then never.
/// </summary>
internal sealed class PushedKeyStore(TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);

    private readonly object _gate = new();
    private readonly Dictionary<(string InstanceId, string OsUser), List<(string Key, DateTimeOffset ExpiresAt)>> _keys = [];

    public void Push(string instanceId, string osUser, string publicKey)
    {
        var expiresAt = clock.GetUtcNow() + Lifetime;
        lock (_gate)
        {
            if (!_keys.TryGetValue((instanceId, osUser), out var keys))
            {
                keys = [];
                _keys[(instanceId, osUser)] = keys;
            }

            // Pushing the same key again restarts its window rather than listing it twice.
            keys.RemoveAll(k => k.Key == publicKey);
            keys.Add((publicKey, expiresAt));
        }
    }

    public IReadOnlyList<string> ActiveKeys(string instanceId, string osUser)
    {
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            if (!_keys.TryGetValue((instanceId, osUser), out var keys))
            {
                return [];
            }

            keys.RemoveAll(k => k.ExpiresAt <= now);
            return keys.Select(k => k.Key).ToArray();
        }
    }
}
