using EicAgent.Agent.Keys;
using EicAgent.Agent.Protocol.Messages;
using Microsoft.Extensions.Logging;

namespace EicAgent.Agent.Core;

/// <summary>
/// Every key the agent holds: the user's own (`ssh-add`) and the minted ones, each bound to the ssh processes it serves.
/// Expiry is checked on every read, so an expired key is never listed or used even if no sweep has run; the
/// sweep (<see cref="RemoveExpired"/>) only wipes expired keys sooner.
/// </summary>
public sealed class KeyRing : IDisposable
{
    public static readonly TimeSpan DefaultMintLifetime = TimeSpan.FromSeconds(60);

    private readonly Lock _gate = new();
    private readonly List<UserIdentity> _userKeys = [];
    private readonly List<MintedKey> _mintedKeys = [];
    private readonly ILogger _logger;

    public KeyRing(TimeProvider time, ILogger<KeyRing> logger)
    {
        Time = time;
        _logger = logger;
    }

    public TimeProvider Time { get; }

    /// <summary>A fresh Ed25519 key that only the ssh process <paramref name="boundTo"/> may use, once, as <paramref name="osUser"/>.</summary>
    public MintedKey Mint(ClientBinding boundTo, string osUser, TimeSpan lifetime)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(osUser);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lifetime, TimeSpan.Zero);
        var minted = new MintedKey(Ed25519AgentKey.GenerateForHandover(), boundTo, osUser, lifetime, Time);
        lock (_gate)
        {
            _mintedKeys.Add(minted);
        }

        AgentLog.KeyMinted(_logger, minted.Fingerprint, boundTo.ProcessId, osUser, lifetime.TotalSeconds);
        return minted;
    }

    public MintedKey Mint(ClientBinding boundTo, string osUser) => Mint(boundTo, osUser, DefaultMintLifetime);

    /// <summary>Removes and wipes every expired key now; returns how many.</summary>
    public int RemoveExpired()
    {
        var (expiredUser, expiredMinted) = TakeExpired();
        foreach (var identity in expiredUser)
        {
            AgentLog.UserKeyExpired(_logger, identity.Key.Fingerprint);
            identity.Key.Dispose();
        }

        foreach (var minted in expiredMinted)
        {
            // A shared key is kept until no process may use or join it any more, so its end is a use, not an expiry.
            var outcome = minted.Bindings.AnyUsed ? MintedKeyOutcome.Used : MintedKeyOutcome.Expired;
            AgentLog.MintedKeyForgotten(_logger, minted.Fingerprint, minted.Binding.ProcessId, outcome);
            minted.Forget(outcome);
        }

        return expiredUser.Count + expiredMinted.Count;
    }

    public void Dispose()
    {
        RemoveAllUserKeys();
        List<MintedKey> minted;
        lock (_gate)
        {
            minted = [.. _mintedKeys];
            _mintedKeys.Clear();
        }

        minted.ForEach(key => key.Forget(MintedKeyOutcome.Discarded));
    }

    /// <summary>Adds a user key, replacing (and wiping) an identical one as OpenSSH does.</summary>
    internal void Add(AgentKey key, string comment, TimeSpan? lifetime, KeyConstraints? constraints = null)
    {
        var identity = new UserIdentity(key, comment, lifetime is { } span ? Time.GetUtcNow() + span : null, constraints);
        UserIdentity? replaced;
        lock (_gate)
        {
            replaced = FindUserKeyLocked(key.PublicKeyBlob);
            if (replaced is not null)
            {
                _userKeys.Remove(replaced);
            }

            _userKeys.Add(identity);
        }

        replaced?.Key.Dispose();
        AgentLog.UserKeyAdded(_logger, key.Fingerprint, lifetime is { } expiry ? $"expires in {expiry.TotalSeconds:0} s" : "no expiry");
    }

    internal bool RemoveUserKey(ReadOnlySpan<byte> keyBlob)
    {
        RemoveExpired();
        UserIdentity? removed;
        lock (_gate)
        {
            removed = FindUserKeyLocked(keyBlob);
            if (removed is not null)
            {
                _userKeys.Remove(removed);
            }
        }

        removed?.Key.Dispose();
        return removed is not null;
    }

    internal int RemoveAllUserKeys()
    {
        List<UserIdentity> removed;
        lock (_gate)
        {
            removed = [.. _userKeys];
            _userKeys.Clear();
        }

        removed.ForEach(identity => identity.Key.Dispose());
        return removed.Count;
    }

    internal IReadOnlyList<UserIdentity> UserKeys()
    {
        RemoveExpired();
        lock (_gate)
        {
            return [.. _userKeys];
        }
    }

    internal UserIdentity? FindUserKey(ReadOnlySpan<byte> keyBlob)
    {
        RemoveExpired();
        lock (_gate)
        {
            return FindUserKeyLocked(keyBlob);
        }
    }

    /// <summary>How many keys of the user's own the agent holds.</summary>
    public int UserKeyCount => UserKeys().Count;

    /// <summary>The minted keys not yet used or expired, oldest first.</summary>
    public IReadOnlyList<MintedKey> MintedKeys()
    {
        RemoveExpired();
        lock (_gate)
        {
            return [.. _mintedKeys];
        }
    }

    internal MintedKey? FindMintedKey(ReadOnlySpan<byte> keyBlob)
    {
        RemoveExpired();
        lock (_gate)
        {
            foreach (var minted in _mintedKeys)
            {
                if (keyBlob.SequenceEqual(minted.Key.PublicKeyBlob))
                {
                    return minted;
                }
            }

            return null;
        }
    }

    /// <summary>The newest live minted key bound to <paramref name="peer"/> that it has not used yet, if any.</summary>
    internal MintedKey? MintedKeyFor(PeerCredentials peer)
    {
        RemoveExpired();
        lock (_gate)
        {
            return _mintedKeys.LastOrDefault(minted => minted.Bindings.MayUse(peer));
        }
    }

    /// <summary>
    /// Signs with <paramref name="minted"/> for <paramref name="peer"/>, once per bound process; null when the peer is
    /// not bound to the key, used it already, or the key is gone. A key no other process may use or join any more is
    /// forgotten at once.
    /// </summary>
    internal byte[]? SignOnce(MintedKey minted, PeerCredentials peer, ReadOnlySpan<byte> data, SignatureFlags flags)
    {
        var signature = minted.SignOnceFor(peer, data, flags);
        if (signature is not null && minted.IsSpent(Time.GetUtcNow()))
        {
            Forget(minted, MintedKeyOutcome.Used);
        }

        return signature;
    }

    /// <summary>
    /// <paramref name="reader"/> took <paramref name="minted"/> from its key file: that is its one use of the key, as a
    /// signature would be. A key no other process may use or join any more is forgotten at once.
    /// </summary>
    internal void HandedOver(MintedKey minted, ClientBinding reader)
    {
        if (minted.Bindings.TryUse(reader) && minted.IsSpent(Time.GetUtcNow()))
        {
            Forget(minted, MintedKeyOutcome.Used);
        }
    }

    /// <summary>Removes and wipes a minted key that has served its purpose or failed.</summary>
    public void Forget(MintedKey minted, MintedKeyOutcome outcome)
    {
        lock (_gate)
        {
            if (!_mintedKeys.Remove(minted))
            {
                return;
            }
        }

        AgentLog.MintedKeyForgotten(_logger, minted.Fingerprint, minted.Binding.ProcessId, outcome);
        minted.Forget(outcome);
    }

    private (List<UserIdentity> User, List<MintedKey> Minted) TakeExpired()
    {
        var now = Time.GetUtcNow();
        lock (_gate)
        {
            var user = _userKeys.Where(identity => identity.IsExpired(now)).ToList();
            var minted = _mintedKeys.Where(key => key.IsExpired(now) || (key.RidersUntil is not null && key.IsSpent(now))).ToList();
            user.ForEach(identity => _userKeys.Remove(identity));
            minted.ForEach(key => _mintedKeys.Remove(key));
            return (user, minted);
        }
    }

    private UserIdentity? FindUserKeyLocked(ReadOnlySpan<byte> keyBlob)
    {
        foreach (var identity in _userKeys)
        {
            if (keyBlob.SequenceEqual(identity.Key.PublicKeyBlob))
            {
                return identity;
            }
        }

        return null;
    }
}
