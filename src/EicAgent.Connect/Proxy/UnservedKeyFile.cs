using System.Net.Sockets;
using EicAgent.Agent.KeyFiles;

namespace EicAgent.Cli.Proxy;

/// <summary>
/// A key file pipe nobody serves holds ssh in open() for good, and every later ssh to the same host, port and user
/// with it. That happens when the agent is gone: it could not be reached, or it was killed between handing ssh's key
/// file over and ssh opening it. The proxy then releases and removes the pipe (only a key file name is touched).
/// </summary>
internal static class UnservedKeyFile
{
    public static void Release(ProxyOptions options)
    {
        if (options.KeyFile is { } keyFile && OperatingSystem.IsLinux())
        {
            KeyFileDirectory.ReleaseUnserved(keyFile);
        }
    }

    /// <summary>
    /// Once <paramref name="agentHangUp"/> says the agent closed our connection, and nobody listens on its socket
    /// any more (an agent that restarted serves its own pipes), releases the pipe. Never throws: it runs unawaited.
    /// </summary>
    public static async Task ReleaseWhenAgentGoesAsync(Task<bool> agentHangUp, ProxyOptions options)
    {
        try
        {
            if (await agentHangUp.ConfigureAwait(false) && await AgentConnector.NobodyListensAsync(options.SocketPath).ConfigureAwait(false))
            {
                Release(options);
            }
        }
        catch (Exception exception) when (exception is IOException or SocketException or UnauthorizedAccessException or AgentUnavailableException)
        {
            // Best effort: the agent that starts next releases what is left (KeyFileDirectory.RemoveLeftovers).
        }
    }
}
