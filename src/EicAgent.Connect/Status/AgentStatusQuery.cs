using System.Net.Sockets;
using EicAgent.Agent.Client;
using EicAgent.Agent.Protocol;

namespace EicAgent.Cli.Status;

/// <summary>Asks the agent on a socket for its status, within 5 seconds: `eic status` and `eic doctor`.</summary>
internal static class AgentStatusQuery
{
    /// <exception cref="AgentUnreachableException">Nobody answers, or what answers is not an eic agent.</exception>
    public static async Task<AgentStatus> AskAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            bounded.CancelAfter(TimeSpan.FromSeconds(5));
            await using var agent = await AgentClient.ConnectAsync(path, bounded.Token);
            return AgentStatus.Read(await agent.ExtensionAsync(AgentStatus.ExtensionName, [], bounded.Token));
        }
        catch (Exception exception) when (exception is IOException or SocketException or OperationCanceledException
            or AgentProtocolException)
        {
            throw new AgentUnreachableException($"no eic agent answers on {path} ({Why(exception)})", exception);
        }
    }

    private static string Why(Exception exception) => exception switch
    {
        SocketException { SocketErrorCode: SocketError.AddressNotAvailable } => "no socket there",
        SocketException { SocketErrorCode: SocketError.ConnectionRefused } => "a socket left by an agent that has gone",
        SocketException { SocketErrorCode: SocketError.AccessDenied } => "permission denied: it belongs to someone else",
        OperationCanceledException => "no answer within 5 s",
        _ => exception.Message,
    };
}

/// <summary>No eic agent answered on the socket; the message says which socket and why.</summary>
internal sealed class AgentUnreachableException(string message, Exception innerException) : Exception(message, innerException);
