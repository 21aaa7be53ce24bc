using System.Net.Sockets;
using EicAgent.Agent.Client;

namespace EicAgent.Cli.Proxy;

/// <summary>Reaches the agent, starting it first when nobody listens on its socket.</summary>
internal static class AgentConnector
{
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(2);

    public static async Task<AgentClient> ConnectOrStartAsync(string socketPath, CancellationToken cancellation)
    {
        if (await TryConnectAsync(socketPath, cancellation).ConfigureAwait(false) is { } running)
        {
            return running;
        }

        await AgentLauncher.StartAsync(socketPath, cancellation).ConfigureAwait(false);
        return await TryConnectAsync(socketPath, cancellation).ConfigureAwait(false)
            ?? throw new AgentUnavailableException($"the agent started but {socketPath} does not accept connections");
    }

    /// <summary>Null when nobody answers in time; another user's socket is an error, never a reason to start an agent.</summary>
    private static async Task<AgentClient?> TryConnectAsync(string socketPath, CancellationToken cancellation)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        bounded.CancelAfter(AttemptTimeout);
        try
        {
            return await AgentClient.ConnectAsync(socketPath, bounded.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when ((exception is SocketException or IOException or TimeoutException && exception is not UntrustedAgentException)
            || (exception is OperationCanceledException && !cancellation.IsCancellationRequested))
        {
            return null;
        }
    }
}
