namespace EicAgent.Agent.Core;

/// <summary>
/// The ssh processes one minted key is bound to, and which of them have used it: the one place that decides whether
/// a peer may see or use a minted key. The first is the process the key was minted for; later ones rode on its push
/// (the key was already valid on the instance for its 60 s, so binding another connection of the same caller to it
/// grants nothing AWS had not granted). Each bound process signs with the key once.
/// </summary>
internal sealed class MintedKeyBindings(ClientBinding first)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<ClientBinding, bool> _usedBy = new() { [first] = false };

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _usedBy.Count;
            }
        }
    }

    public bool AnyUsed
    {
        get
        {
            lock (_gate)
            {
                return _usedBy.ContainsValue(true);
            }
        }
    }

    public bool AllUsed
    {
        get
        {
            lock (_gate)
            {
                return !_usedBy.ContainsValue(false);
            }
        }
    }

    public bool Contains(ClientBinding binding)
    {
        lock (_gate)
        {
            return _usedBy.ContainsKey(binding);
        }
    }

    /// <summary>True when <paramref name="peer"/> is one of the bound processes and has not used the key yet.</summary>
    public bool MayUse(PeerCredentials peer)
    {
        lock (_gate)
        {
            return Find(peer) is { } binding && !_usedBy[binding];
        }
    }

    /// <summary>True when <paramref name="peer"/> is bound, whether or not it used the key already.</summary>
    public bool IsBound(PeerCredentials peer)
    {
        lock (_gate)
        {
            return Find(peer) is not null;
        }
    }

    /// <summary>Adds <paramref name="binding"/>; false when it is bound already.</summary>
    public bool Add(ClientBinding binding)
    {
        lock (_gate)
        {
            return _usedBy.TryAdd(binding, false);
        }
    }

    public bool Remove(ClientBinding binding)
    {
        lock (_gate)
        {
            return _usedBy.Remove(binding);
        }
    }

    /// <summary>Marks <paramref name="peer"/>'s use; false when it is not bound or has used the key already.</summary>
    public bool TryUse(PeerCredentials peer)
    {
        lock (_gate)
        {
            if (Find(peer) is not { } binding || _usedBy[binding])
            {
                return false;
            }

            _usedBy[binding] = true;
            return true;
        }
    }

    private ClientBinding? Find(PeerCredentials peer) => _usedBy.Keys.FirstOrDefault(binding => binding.Matches(peer));
}
