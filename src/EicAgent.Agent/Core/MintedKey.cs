using EicAgent.Agent.Keys;
using EicAgent.Agent.Protocol.Messages;

namespace EicAgent.Agent.Core;

/// <summary>
/// A fresh Ed25519 key for one ssh connection, held only in memory. The AWS side publishes
/// <see cref="PublicKeyLine"/> to the instance and then calls <see cref="MarkReady"/> (or
/// <see cref="MarkFailed"/>); the agent signs with it only after that, only for the bound ssh processes and
/// user, once per process. It is bound to one process unless <see cref="AcceptRidersUntil"/> lets later connections
/// of the same caller to the same instance and user ride on its push (<see cref="TryAddRider"/>). While bound processes
/// still log in, the AWS side may push the same key again (<see cref="PushedAgain"/>): each push is authorised anew.
/// </summary>
public sealed class MintedKey
{
    private readonly TaskCompletionSource<string?> _readiness = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<MintedKeyOutcome> _outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TimeProvider _time;
    private readonly long _mintedAt;
    private long _pushedAt;
    private long _ridersUntilTicks;
    private long _expiresAtTicks;
    private readonly Lock _useGate = new();
    private volatile bool _forgotten;
    private volatile bool _signedForALogin;

    internal MintedKey(AgentKey key, ClientBinding binding, string osUser, TimeSpan lifetime, TimeProvider time)
    {
        _time = time;
        _mintedAt = time.GetTimestamp();
        Key = key;
        Binding = binding;
        Bindings = new MintedKeyBindings(binding);
        OsUser = osUser;
        Lifetime = lifetime;
        _expiresAtTicks = (time.GetUtcNow() + lifetime).UtcTicks;
        PublicKeyLine = SshPublicKey.ToOpenSshLine(key.PublicKeyBlob, $"eic-{osUser}-pid{binding.ProcessId}");
    }

    /// <summary>
    /// True once the agent signed a login with it: the instance had accepted the key for that login, since OpenSSH asks
    /// for an agent key's signature only after the server said it would take the key.
    /// </summary>
    public bool SignedForALogin => _signedForALogin;

    /// <summary>`ssh-ed25519 AAAA... comment`: what SendSSHPublicKey pushes.</summary>
    public string PublicKeyLine { get; }

    /// <summary>`SHA256:...`, the form to log.</summary>
    public string Fingerprint => Key.Fingerprint;

    public ReadOnlyMemory<byte> PublicKeyBlob => Key.PublicKeyBlob;

    /// <summary>The ssh process the key was minted (and pushed) for.</summary>
    public ClientBinding Binding { get; }

    /// <summary>Every ssh process bound to the key: <see cref="Binding"/> and those that rode on its push.</summary>
    internal MintedKeyBindings Bindings { get; }

    /// <summary>How many ssh processes are bound to the key (1 unless others rode on its push).</summary>
    public int BoundProcesses => Bindings.Count;

    /// <summary>True when <paramref name="binding"/> is one of the processes bound to the key.</summary>
    public bool IsBoundTo(ClientBinding binding) => Bindings.Contains(binding);

    /// <summary>Until when further connections may ride on this key; null when it serves one connection only.</summary>
    public DateTimeOffset? RidersUntil =>
        Interlocked.Read(ref _ridersUntilTicks) is var ticks and > 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    /// <summary>The remote user the key may sign for (the `user` of the SSH user authentication request).</summary>
    public string OsUser { get; }

    /// <summary>When the agent wipes the key: its lifetime after the mint, or after the last time it was pushed again.</summary>
    public DateTimeOffset ExpiresAt => new(Interlocked.Read(ref _expiresAtTicks), TimeSpan.Zero);

    /// <summary>How long a push keeps the key valid, as the agent counts it (from the start of the push).</summary>
    public TimeSpan Lifetime { get; }

    /// <summary>True while some bound ssh process may still sign its login with the key (its connection is open).</summary>
    public bool AwaitsLogins => Bindings.AnyWaiting;

    /// <summary>Completes once the key is forgotten, with the reason.</summary>
    public Task<MintedKeyOutcome> Outcome => _outcome.Task;

    internal AgentKey Key { get; }

    /// <summary>null when ready, else the reason of the failure.</summary>
    internal Task<string?> Readiness => _readiness.Task;

    /// <summary>How long ago the key was minted: its push started then.</summary>
    internal TimeSpan Age => _time.GetElapsedTime(_mintedAt);

    /// <summary>From the mint to the end of a successful push; zero until then.</summary>
    public TimeSpan PushDuration => Volatile.Read(ref _pushedAt) is var pushedAt and > 0 ? _time.GetElapsedTime(_mintedAt, pushedAt) : TimeSpan.Zero;

    /// <summary>The key as an unencrypted OpenSSH private key file, only for the pipe its ssh reads; the caller wipes it.</summary>
    internal byte[] ToPrivateKeyFile() => OpenSshPrivateKeyFile.Write((Ed25519AgentKey)Key, PublicKeyLine[(PublicKeyLine.LastIndexOf(' ') + 1)..]);

    /// <summary>The push succeeded: a waiting sign request may go ahead.</summary>
    public void MarkReady()
    {
        Interlocked.CompareExchange(ref _pushedAt, _time.GetTimestamp(), 0);
        _readiness.TrySetResult(null);
    }

    /// <summary>The push failed: sign requests for this key are refused with <paramref name="reason"/> logged.</summary>
    public void MarkFailed(string reason) => _readiness.TrySetResult(reason);

    internal bool IsExpired(DateTimeOffset now) => now >= ExpiresAt;

    /// <summary>Lets later connections ride on this key until <paramref name="until"/> (never past its expiry).</summary>
    public void AcceptRidersUntil(DateTimeOffset until) =>
        Interlocked.Exchange(ref _ridersUntilTicks, (until < ExpiresAt ? until : ExpiresAt).UtcTicks);

    /// <summary>
    /// Binds one more ssh process to the key, if riders are still accepted, its push has not failed and it is not
    /// forgotten; false otherwise (the caller then mints and pushes a key of its own).
    /// </summary>
    public bool TryAddRider(ClientBinding rider) =>
        !_forgotten
        && RidersUntil is { } until && _time.GetUtcNow() < until
        && Readiness is not { IsCompleted: true, Result: not null }
        && Bindings.Add(rider);

    /// <summary>True when <paramref name="binding"/> is bound to the key and has not signed its login yet.</summary>
    public bool IsWaiting(ClientBinding binding) => Bindings.IsWaiting(binding);

    /// <summary>
    /// True once <paramref name="binding"/>'s ssh asked the agent for its keys: it had checked the host key and begun
    /// user authentication. An ssh that never asked stopped before (a host key it refused, a network that failed).
    /// </summary>
    public bool ReachedAuthentication(ClientBinding binding) => Bindings.HasAsked(binding);

    /// <summary>The bound ssh <paramref name="peer"/> asked for its keys (see <see cref="ReachedAuthentication"/>).</summary>
    internal void Asked(PeerCredentials peer) => Bindings.MarkAsked(peer);

    /// <summary>The connection of <paramref name="binding"/> ended: if it has not signed yet, it never will with this key.</summary>
    public void Leave(ClientBinding binding) => Bindings.Leave(binding);

    /// <summary>
    /// The same key was pushed again, starting at <paramref name="pushStartedAt"/>: AWS counts a fresh 60 s from its
    /// answer, so the agent keeps the key for its lifetime from the start of that push (never shorter than before).
    /// </summary>
    public void PushedAgain(DateTimeOffset pushStartedAt)
    {
        var extended = (pushStartedAt + Lifetime).UtcTicks;
        long current;
        do
        {
            current = Interlocked.Read(ref _expiresAtTicks);
            if (extended <= current)
            {
                return;
            }
        }
        while (Interlocked.CompareExchange(ref _expiresAtTicks, extended, current) != current);
    }

    /// <summary>A bound process's connection was refused: the key no longer serves it. True when no process is left.</summary>
    public bool Unbind(ClientBinding binding)
    {
        Bindings.Remove(binding);
        return Bindings.Count == 0;
    }

    /// <summary>True when no bound process may still use the key and no new one may join: it has served its purpose.</summary>
    internal bool IsSpent(DateTimeOffset now) => !Bindings.AnyWaiting && (RidersUntil is not { } until || now >= until);

    /// <summary>null once the push is done, else why it is not (failed, or not done within <paramref name="timeout"/>).</summary>
    internal async Task<string?> WaitForPushAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        try
        {
            var failure = await Readiness.WaitAsync(timeout, time, cancellationToken);
            return failure is null ? null : $"its push failed: {failure}";
        }
        catch (TimeoutException)
        {
            return $"its push did not finish within {timeout.TotalSeconds:0.#} s";
        }
    }

    /// <summary>
    /// Signs <paramref name="data"/> for <paramref name="peer"/> if it is bound and has not used the key yet; null
    /// otherwise. Under the same lock as <see cref="Forget"/>, so a rider's forget never wipes the key mid-signature.
    /// </summary>
    internal byte[]? SignOnceFor(PeerCredentials peer, ReadOnlySpan<byte> data, SignatureFlags flags)
    {
        lock (_useGate)
        {
            if (_forgotten || !Bindings.TryUse(peer))
            {
                return null;
            }

            _signedForALogin = true;
            return Key.Sign(data, flags);
        }
    }

    internal void Forget(MintedKeyOutcome outcome)
    {
        lock (_useGate)
        {
            _forgotten = true;
            Key.Dispose();
        }

        _readiness.TrySetResult("the key was forgotten before its push finished");
        _outcome.TrySetResult(outcome);
    }
}
