using EicAgent.Agent.Core;

namespace EicAgent.Agent.Listeners;

/// <summary>One accepted client: the byte stream and who the operating system says is on the other end.</summary>
public sealed record AgentConnection(Stream Stream, PeerCredentials Peer) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => Stream.DisposeAsync();
}

/// <summary>Where clients reach the agent: a Unix socket, or a named pipe on Windows.</summary>
public interface IAgentListener : IAsyncDisposable
{
    /// <summary>The socket path or pipe name, as a client is told to use it.</summary>
    string Path { get; }

    /// <summary>The next client that is allowed in; clients of other users are refused before this returns.</summary>
    Task<AgentConnection> AcceptAsync(CancellationToken cancellationToken);
}

/// <summary>Another agent already answers on the path: starting a second one there is refused.</summary>
public sealed class AgentAlreadyRunningException(string path)
    : Exception($"another eic agent is already listening on {path}")
{
    public string Path { get; } = path;
}
