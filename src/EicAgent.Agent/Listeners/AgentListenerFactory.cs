using EicAgent.Agent.Platform;
using Microsoft.Extensions.Logging;

namespace EicAgent.Agent.Listeners;

/// <summary>The one place that picks the listener of the platform: a named pipe on Windows, a Unix socket elsewhere.</summary>
public static class AgentListenerFactory
{
    /// <summary>
    /// Starts listening on <paramref name="path"/> (see <see cref="AgentEndpoint.Resolve(string?)"/>). Throws
    /// <see cref="AgentAlreadyRunningException"/> when another agent answers there.
    /// </summary>
    public static IAgentListener Start(string path, ILogger logger)
    {
        if (OperatingSystem.IsWindows())
        {
            return NamedPipeListener.Start(path, ProcessTable.Current);
        }

        return UnixSocketListener.Start(path, ProcessTable.Current, logger);
    }
}
