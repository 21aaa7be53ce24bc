using System.Net.Sockets;
using EicAgent.Agent.Client;

namespace EicAgent.Cli.Proxy;

/// <summary>
/// Reaches the agent, starting it first only when nobody listens on its socket: no socket file, or one that
/// refuses connections (an agent that has gone). An agent that is slow to accept (a busy machine) is waited for,
/// never taken for a missing one: a second agent would take over the socket from the first.
/// </summary>
internal static class AgentConnector
{
    /// <summary>Generous: the kernel accepts a Unix-socket connection for a live agent at once, unless the machine is swamped.</summary>
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(20);

    public static async Task<AgentClient> ConnectOrStartAsync(string socketPath, IProxyPlumbing plumbing, CancellationToken cancellation)
    {
        try
        {
            return await ConnectAsync(socketPath, cancellation).ConfigureAwait(false);
        }
        catch (SocketException exception) when (NobodyListens(exception))
        {
            // Start one below; of racing proxies, the one whose agent binds the socket wins and the others connect to it.
        }

        await plumbing.StartAgentAsync(socketPath, cancellation).ConfigureAwait(false);

        // Ours said it listens; or another proxy's won the path and may still be between its lock and its bind.
        var deadline = DateTime.UtcNow + plumbing.AgentStartTimeout;
        while (true)
        {
            try
            {
                return await ConnectAsync(socketPath, cancellation).ConfigureAwait(false);
            }
            catch (SocketException exception) when (NobodyListens(exception) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), cancellation).ConfigureAwait(false);
            }
            catch (SocketException exception)
            {
                throw new AgentUnavailableException($"the agent started but {socketPath} does not accept connections ({exception.Message})");
            }
        }
    }

    /// <summary>True when no agent accepts connections on <paramref name="socketPath"/> (no socket file, or one that refuses).</summary>
    public static async Task<bool> NobodyListensAsync(string socketPath)
    {
        try
        {
            await using var probe = await ConnectAsync(socketPath, CancellationToken.None).ConfigureAwait(false);
            return false;
        }
        catch (SocketException exception) when (NobodyListens(exception))
        {
            return true;
        }
    }

    /// <summary>ENOENT (no socket file: AddressNotAvailable in .NET) or ECONNREFUSED (a socket file nobody listens on).</summary>
    public static bool NobodyListens(SocketException exception) =>
        exception.SocketErrorCode is SocketError.AddressNotAvailable or SocketError.ConnectionRefused;

    private static async Task<AgentClient> ConnectAsync(string socketPath, CancellationToken cancellation)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        bounded.CancelAfter(AttemptTimeout);
        try
        {
            return await AgentClient.ConnectAsync(socketPath, bounded.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            throw new AgentUnavailableException(
                $"the agent on {socketPath} did not accept the connection within {AttemptTimeout.TotalSeconds:0} s (busy?); not starting another");
        }
        catch (Exception exception) when ((exception is IOException or UnauthorizedAccessException && exception is not UntrustedAgentException)
            || (exception is SocketException socket && !NobodyListens(socket)))
        {
            throw new AgentUnavailableException($"cannot reach the agent on {socketPath}: {exception.Message}");
        }
    }
}
