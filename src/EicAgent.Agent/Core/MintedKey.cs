using EicAgent.Agent.Keys;

namespace EicAgent.Agent.Core;

/// <summary>
/// A fresh Ed25519 key for one ssh connection, held only in memory. The AWS side publishes
/// <see cref="PublicKeyLine"/> to the instance and then calls <see cref="MarkReady"/> (or
/// <see cref="MarkFailed"/>); the agent signs with it only after that, only for the bound ssh process and
/// user, exactly once.
/// </summary>
public sealed class MintedKey
{
    private readonly TaskCompletionSource<string?> _readiness = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<MintedKeyOutcome> _outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TimeProvider _time;
    private readonly long _mintedAt;
    private long _pushedAt;

    internal MintedKey(AgentKey key, ClientBinding binding, string osUser, DateTimeOffset expiresAt, TimeProvider time)
    {
        _time = time;
        _mintedAt = time.GetTimestamp();
        Key = key;
        Binding = binding;
        OsUser = osUser;
        ExpiresAt = expiresAt;
        PublicKeyLine = SshPublicKey.ToOpenSshLine(key.PublicKeyBlob, $"eic-{osUser}-pid{binding.ProcessId}");
    }

    /// <summary>`ssh-ed25519 AAAA... comment`: what SendSSHPublicKey pushes.</summary>
    public string PublicKeyLine { get; }

    /// <summary>`SHA256:...`, the form to log.</summary>
    public string Fingerprint => Key.Fingerprint;

    public ReadOnlyMemory<byte> PublicKeyBlob => Key.PublicKeyBlob;

    public ClientBinding Binding { get; }

    /// <summary>The remote user the key may sign for (the `user` of the SSH user authentication request).</summary>
    public string OsUser { get; }

    public DateTimeOffset ExpiresAt { get; }

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

    internal void Forget(MintedKeyOutcome outcome)
    {
        _readiness.TrySetResult("the key was forgotten before its push finished");
        Key.Dispose();
        _outcome.TrySetResult(outcome);
    }
}
