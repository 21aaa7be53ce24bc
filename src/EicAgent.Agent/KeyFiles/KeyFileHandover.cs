using System.Collections.Concurrent;
using System.ComponentModel;
using EicAgent.Agent.Core;
using Microsoft.Extensions.Logging;

namespace EicAgent.Agent.KeyFiles;

/// <summary>
/// Linux: gives a minted key to its ssh through that ssh's IdentityFile (<see cref="KeyFileDelivery"/>), so that
/// ssh signs with it at once and the instance looks the key up once per login, not twice. The ProxyCommand names
/// the path (<see cref="KeyFileExtension"/>); the key is the one the agent's binding gives that ssh process, and
/// the pipe appears only when ssh asks the agent for keys -- after it has loaded its identity files and only
/// once the push is done. One delivery per path at a time; the next ssh to the same path waits a moment for it,
/// then gets the agent's offer.
/// </summary>
public sealed partial class KeyFileHandover : IMintedKeyHandover, IDisposable
{
    /// <summary>How long an ssh may wait for another's delivery at the same path before it is offered the key.</summary>
    public static readonly TimeSpan PathWait = TimeSpan.FromSeconds(3);

    /// <summary>
    /// How long ssh may take from the agent's answer to opening its key file (two round trips to sshd); meanwhile
    /// another ssh to the same path that opens it while loading its identity files waits at most this for its end of file.
    /// </summary>
    public static readonly TimeSpan OpenBound = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<ClientBinding, string> _requests = new();
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _paths = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private readonly KeyRing _keys;
    private readonly ILogger _logger;

    public KeyFileHandover(string directory, KeyRing keys, ILogger<KeyFileHandover> logger)
    {
        Directory = Path.GetFullPath(directory);
        _keys = keys;
        _logger = logger;
        if (OperatingSystem.IsLinux() && Unusable is null)
        {
            KeyFileDirectory.RemoveLeftovers(Directory);
        }
    }

    public string Directory { get; }

    /// <summary>null when keys can be handed over here, else why the agent offers them.</summary>
    public string? Unusable => KeyFileDirectory.Unusable(Directory);

    /// <summary>
    /// The ssh process <paramref name="ssh"/> reads <paramref name="path"/> as an IdentityFile; until
    /// <paramref name="proxyGone"/>. Throws with the reason the key will be offered instead.
    /// </summary>
    public void Expect(ClientBinding ssh, string path, CancellationToken proxyGone)
    {
        if ((Unusable ?? KeyFileDirectory.NotAKeyFile(path, Directory)) is { } reason)
        {
            throw new InvalidOperationException(reason);
        }

        _requests[ssh] = path;
        proxyGone.Register(() => _requests.TryRemove(new KeyValuePair<ClientBinding, string>(ssh, path)));
    }

    public async ValueTask<bool> TryHandOverAsync(MintedKey key, AgentSession session, CancellationToken cancellationToken)
    {
        if (!OperatingSystem.IsLinux() || session.Peer is not { ProcessId: { } pid, ProcessStartTime: { } start }
            || !_requests.TryRemove(new ClientBinding(pid, start), out var path))
        {
            return false;
        }

        var reader = new ClientBinding(pid, start);
        var turn = _paths.GetOrAdd(path, _ => new SemaphoreSlim(1, 1));
        if (!await turn.WaitAsync(PathWait, cancellationToken))
        {
            LogOffered(_logger, key.Fingerprint, pid, $"another ssh to the same host and user held {path} for {PathWait.TotalSeconds:0} s");
            return false;
        }

        KeyFileDelivery delivery;
        try
        {
            delivery = KeyFileDelivery.Start(path, reader);
        }
        catch (Exception exception) when (exception is Win32Exception or IOException)
        {
            turn.Release();
            LogOffered(_logger, key.Fingerprint, pid, exception.Message);
            return false;
        }

        _ = FinishAsync(delivery.RunAsync(key.ToPrivateKeyFile, OpenBound, _stopping.Token), key, pid, turn);
        return true;
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
    }

    private async Task FinishAsync(Task<string?> delivery, MintedKey key, int pid, SemaphoreSlim turn)
    {
        string? failure;
        try
        {
            failure = await delivery.ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is Win32Exception or IOException or ObjectDisposedException or InvalidCastException)
        {
            failure = exception.Message;
        }
        finally
        {
            turn.Release();
        }

        if (failure is null)
        {
            LogHandedOver(_logger, key.Fingerprint, pid);
            _keys.Forget(key, MintedKeyOutcome.Used);
        }
        else
        {
            LogNotHandedOver(_logger, key.Fingerprint, pid, failure);
        }
    }

    [LoggerMessage(140, LogLevel.Information, "{Fingerprint}: ssh pid {ProcessId} read it from its key file")]
    private static partial void LogHandedOver(ILogger logger, string fingerprint, int processId);

    [LoggerMessage(141, LogLevel.Warning, "{Fingerprint}: not handed to ssh pid {ProcessId} by key file: {Reason}")]
    private static partial void LogNotHandedOver(ILogger logger, string fingerprint, int processId, string reason);

    [LoggerMessage(142, LogLevel.Information, "{Fingerprint}: offered by the agent to ssh pid {ProcessId}: {Reason}")]
    private static partial void LogOffered(ILogger logger, string fingerprint, int processId, string reason);
}
