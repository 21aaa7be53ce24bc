namespace EicAgent.Agent.Core;

/// <summary>
/// The ssh processes one minted key is bound to, and where each of them is: the one place that decides whether a peer
/// may see or use a minted key. The first is the process the key was minted for; later ones rode on its push (the
/// key was already valid on the instance for its 60 s, so binding another connection of the same caller to it
/// grants nothing AWS had not granted). Each bound process signs with the key once; one whose connection ended
/// without signing may not any more.
/// </summary>
internal sealed class MintedKeyBindings(ClientBinding first)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<ClientBinding, BoundUse> _uses = new() { [first] = BoundUse.Waiting };
    private readonly HashSet<ClientBinding> _asked = [];

    private enum BoundUse
    {
        /// <summary>Still logging in: may sign once.</summary>
        Waiting,

        /// <summary>Signed its login.</summary>
        Used,

        /// <summary>Its connection ended before it signed.</summary>
        Left,
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _uses.Count;
            }
        }
    }

    public bool AnyUsed => AnyIs(BoundUse.Used);

    /// <summary>True while some bound process may still sign its login with the key.</summary>
    public bool AnyWaiting => AnyIs(BoundUse.Waiting);

    public bool Contains(ClientBinding binding)
    {
        lock (_gate)
        {
            return _uses.ContainsKey(binding);
        }
    }

    /// <summary>True when <paramref name="binding"/> is bound and may still sign its login.</summary>
    public bool IsWaiting(ClientBinding binding)
    {
        lock (_gate)
        {
            return _uses.TryGetValue(binding, out var use) && use == BoundUse.Waiting;
        }
    }

    /// <summary>True once <paramref name="binding"/> asked the agent for its keys (<see cref="MarkAsked"/>).</summary>
    public bool HasAsked(ClientBinding binding)
    {
        lock (_gate)
        {
            return _asked.Contains(binding);
        }
    }

    /// <summary>The bound process <paramref name="peer"/> asked the agent for its keys; nothing when it is not bound.</summary>
    public void MarkAsked(PeerCredentials peer)
    {
        lock (_gate)
        {
            if (Find(peer) is { } binding)
            {
                _asked.Add(binding);
            }
        }
    }

    /// <summary>True when <paramref name="peer"/> is one of the bound processes and may still use the key.</summary>
    public bool MayUse(PeerCredentials peer)
    {
        lock (_gate)
        {
            return Find(peer) is { } binding && _uses[binding] == BoundUse.Waiting;
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
            return _uses.TryAdd(binding, BoundUse.Waiting);
        }
    }

    public bool Remove(ClientBinding binding)
    {
        lock (_gate)
        {
            return _uses.Remove(binding);
        }
    }

    /// <summary><paramref name="binding"/>'s connection ended: if it has not signed yet, it never will with this key.</summary>
    public void Leave(ClientBinding binding)
    {
        lock (_gate)
        {
            if (_uses.TryGetValue(binding, out var use) && use == BoundUse.Waiting)
            {
                _uses[binding] = BoundUse.Left;
            }
        }
    }

    /// <summary>Marks <paramref name="peer"/>'s use; false when it is not bound or may not use the key (any more).</summary>
    public bool TryUse(PeerCredentials peer)
    {
        lock (_gate)
        {
            return Find(peer) is { } binding && TryUse(binding);
        }
    }

    /// <summary>Marks <paramref name="binding"/>'s use; false when it is not bound or may not use the key (any more).</summary>
    public bool TryUse(ClientBinding binding)
    {
        lock (_gate)
        {
            if (!_uses.TryGetValue(binding, out var use) || use != BoundUse.Waiting)
            {
                return false;
            }

            _uses[binding] = BoundUse.Used;
            return true;
        }
    }

    private bool AnyIs(BoundUse use)
    {
        lock (_gate)
        {
            return _uses.ContainsValue(use);
        }
    }

    private ClientBinding? Find(PeerCredentials peer) => _uses.Keys.FirstOrDefault(binding => binding.Matches(peer));
}
