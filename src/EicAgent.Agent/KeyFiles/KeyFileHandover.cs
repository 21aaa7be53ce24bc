using System.Collections.Concurrent;
using System.ComponentModel;
using System.Runtime.Versioning;
using EicAgent.Agent.Core;
using Microsoft.Extensions.Logging;

namespace EicAgent.Agent.KeyFiles;

/// <summary>
/// Linux: gives a minted key to its ssh through that ssh's IdentityFile (<see cref="KeyFileServer"/>), so that
/// ssh signs with it at once and the instance looks the key up once per login, not twice. The ProxyCommand names
/// the path (<see cref="KeyFileExtension"/>); the key is the one the agent's binding gives that ssh process, and
/// the pipe appears only when ssh asks the agent for keys -- after it has loaded its identity files and only
/// once the push is done. One ssh per path waits for its key at a time: ssh processes that open one pipe together
/// could not be told apart. The next ssh to the same path waits a moment for its turn, then gets the agent's offer.
/// </summary>
public sealed partial class KeyFileHandover : IMintedKeyHandover, IDisposable
{
    /// <summary>
    /// How long ssh may take from the agent's answer to opening its key file (two round trips to sshd, on a busy
    /// machine). Nobody waits on the pipe meanwhile (every open is served at once): it bounds how long the path
    /// stays, and the next ssh's turn, for an ssh that never opens it. An ssh that exits ends its wait at once.
    /// </summary>
    public static readonly TimeSpan OpenBound = TimeSpan.FromSeconds(10);

    /// <summary>How long an ssh may wait for its turn at a path before it is offered the key (it then costs one lookup more).</summary>
    public static readonly TimeSpan PathWait = TimeSpan.FromSeconds(3);

    private readonly ConcurrentDictionary<ClientBinding, string> _requests = new();
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _turns = new(StringComparer.Ordinal);
#pragma warning disable CA1416 // Only TryHandOver (Linux only) fills and reads it.
    private readonly Dictionary<string, KeyFileServer> _servers = new(StringComparer.Ordinal);
#pragma warning restore CA1416
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
        if (!OperatingSystem.IsLinux() || session.Peer is not { ProcessId: { } pid, ProcessStartTime: { } start })
        {
            return false;
        }

        var ssh = new ClientBinding(pid, start);
        if (!_requests.TryRemove(ssh, out var path))
        {
            return false;
        }

        var turn = _turns.GetOrAdd(path, _ => new SemaphoreSlim(1, 1));
        if (!await turn.WaitAsync(PathWait, cancellationToken))
        {
            LogOffered(_logger, key.Fingerprint, pid, $"another ssh to the same host and user waited at {path} for {PathWait.TotalSeconds:0} s");
            return false;
        }

        Task<string?> delivered;
        try
        {
            delivered = Serve(path, ssh, key);
        }
        catch (Exception exception) when (exception is Win32Exception or IOException)
        {
            turn.Release();
            LogOffered(_logger, key.Fingerprint, pid, exception.Message);
            return false;
        }

        _ = FinishAsync(delivered, key, ssh, turn);
        return true;
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
    }

    /// <summary>Joins the path's server, or starts one when there is none or it has just stopped.</summary>
    [SupportedOSPlatform("linux")]
    private Task<string?> Serve(string path, ClientBinding reader, MintedKey key)
    {
        lock (_servers)
        {
            if (_servers.TryGetValue(path, out var running) && running.TryAdd(reader, key.ToPrivateKeyFile, OpenBound, out var delivered))
            {
                return delivered;
            }

            var server = KeyFileServer.Start(path);
            _ = server.TryAdd(reader, key.ToPrivateKeyFile, OpenBound, out delivered);
            _servers[path] = server;
            _ = server.RunAsync(_stopping.Token);
            return delivered;
        }
    }

    private async Task FinishAsync(Task<string?> delivered, MintedKey key, ClientBinding reader, SemaphoreSlim turn)
    {
        var failure = await delivered.ConfigureAwait(false);
        turn.Release();
        if (failure is null)
        {
            LogHandedOver(_logger, key.Fingerprint, reader.ProcessId);
            _keys.HandedOver(key, reader);
        }
        else
        {
            LogNotHandedOver(_logger, key.Fingerprint, reader.ProcessId, failure);
        }
    }

    [LoggerMessage(140, LogLevel.Information, "{Fingerprint}: ssh pid {ProcessId} read it from its key file")]
    private static partial void LogHandedOver(ILogger logger, string fingerprint, int processId);

    [LoggerMessage(141, LogLevel.Warning, "{Fingerprint}: not handed to ssh pid {ProcessId} by key file: {Reason}")]
    private static partial void LogNotHandedOver(ILogger logger, string fingerprint, int processId, string reason);

    [LoggerMessage(142, LogLevel.Information, "{Fingerprint}: offered by the agent to ssh pid {ProcessId}: {Reason}")]
    private static partial void LogOffered(ILogger logger, string fingerprint, int processId, string reason);
}
