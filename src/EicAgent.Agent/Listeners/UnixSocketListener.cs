using System.Net.Sockets;
using System.Runtime.Versioning;
using EicAgent.Agent.Core;
using EicAgent.Agent.Platform;
using Microsoft.Extensions.Logging;

namespace EicAgent.Agent.Listeners;

/// <summary>
/// A Unix socket in a 0700 directory, itself 0600, that admits only our own uid (and root, as OpenSSH's
/// agent does). An existing directory must be ours and writable by nobody else (<see cref="SocketDirectoryTrust"/>).
/// A socket nobody answers on is a leftover and is replaced; a live one means another agent.
/// Which of two agents started at once gets the path is decided by an exclusive lock on PATH.lock, held for the
/// agent's life: without it both could find the path free, and the second would unlink the first's socket.
/// </summary>
[UnsupportedOSPlatform("windows")]
internal sealed class UnixSocketListener : IAgentListener
{
    private const int Backlog = 512;
    private const UnixFileMode PrivateDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode PrivateSocket = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly Socket _socket;
    private readonly FileStream _lock;
    private readonly IProcessTable _processes;
    private readonly ILogger _logger;
    private readonly uint _ownUid = Posix.EffectiveUserId;

    private UnixSocketListener(string path, Socket socket, FileStream pathLock, IProcessTable processes, ILogger logger)
    {
        Path = path;
        _socket = socket;
        _lock = pathLock;
        _processes = processes;
        _logger = logger;
    }

    public string Path { get; }

    public static UnixSocketListener Start(string path, IProcessTable processes, ILogger logger)
    {
        var endPoint = EndPointFor(path);
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!;
        CreatePrivateDirectory(directory);
        SocketDirectoryTrust.Ensure(directory, Posix.EffectiveUserId);

        var pathLock = LockPath(path);
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            RemoveLeftoverSocket(path);
            socket.Bind(endPoint);
            File.SetUnixFileMode(path, PrivateSocket);
            socket.Listen(Backlog);
        }
        catch (SocketException exception) when (exception.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            // Another agent bound the path between our check and our bind.
            socket.Dispose();
            pathLock.Dispose();
            throw new AgentAlreadyRunningException(path);
        }
        catch
        {
            socket.Dispose();
            pathLock.Dispose();
            throw;
        }

        return new UnixSocketListener(path, socket, pathLock, processes, logger);
    }

    public async Task<AgentConnection> AcceptAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var client = await _socket.AcceptAsync(cancellationToken);
            var peer = UnixPeerCredentials.Read(client, _processes);
            if (peer.UserId is { } uid && (uid == _ownUid || uid == 0))
            {
                return new AgentConnection(new NetworkStream(client, ownsSocket: true), peer);
            }

            AgentLog.PeerRefused(_logger, peer, _ownUid);
            client.Dispose();
        }
    }

    public ValueTask DisposeAsync()
    {
        _socket.Dispose();
        File.Delete(Path);
        _lock.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>The exclusive (flock) lock on PATH.lock; the kernel drops it when the agent exits, however it exits.</summary>
    private static FileStream LockPath(string path)
    {
        try
        {
            return new FileStream(path + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
        }
        catch (IOException exception) when (exception is not FileNotFoundException and not DirectoryNotFoundException)
        {
            throw new AgentAlreadyRunningException(path);
        }
    }

    private static void CreatePrivateDirectory(string directory)
    {
        try
        {
            if (!Directory.Exists(directory))
            {
                Directory.CreateDirectory(directory, PrivateDirectory);
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"cannot create the socket directory {directory}: {exception.Message}", exception);
        }
    }

    private static UnixDomainSocketEndPoint EndPointFor(string path)
    {
        try
        {
            return new UnixDomainSocketEndPoint(path);
        }
        catch (ArgumentOutOfRangeException)
        {
            // sockaddr_un holds about 100 bytes; deep temporary or home directories can exceed it.
            throw new IOException($"the socket path is too long for a Unix socket ({path.Length} characters): {path}");
        }
    }

    private static void RemoveLeftoverSocket(string path)
    {
        if (Directory.Exists(path))
        {
            throw new IOException($"{path} is a directory, not a socket");
        }

        if (!File.Exists(path))
        {
            return;
        }

        using (var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
        {
            try
            {
                probe.Connect(EndPointFor(path));
                throw new AgentAlreadyRunningException(path);
            }
            catch (SocketException exception) when (exception.SocketErrorCode == SocketError.ConnectionRefused)
            {
                // Nobody listens: a leftover of an agent that did not exit cleanly.
            }
        }

        // Connecting to a regular file is refused too; never delete one that holds data.
        if (new FileInfo(path).Length > 0)
        {
            throw new IOException($"{path} exists and is not a socket");
        }

        File.Delete(path);
    }
}
