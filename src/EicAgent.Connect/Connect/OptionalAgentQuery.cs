using System.Net.Sockets;
using EicAgent.Agent.Client;
using EicAgent.Agent.Protocol;

namespace EicAgent.Cli.Connect;

/// <summary>
/// One extension request to the running agent, for commands that can do without it (known-hosts, the MFA role
/// session): the answer read by <c>read</c>, or the default when no eic agent answers in time -- nobody listens, what
/// listens is not an eic agent, or it does not answer within <see cref="AnswerTimeout"/>.
/// </summary>
internal static class OptionalAgentQuery
{
    /// <summary>Above the AWS layer's own bound on a call, so that the agent's one-line reason arrives first.</summary>
    public static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(25);

    public static async Task<T?> AskAsync<T>(
        string socketPath, string extensionName, byte[] contents, Func<AgentMessage, T> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(AnswerTimeout);
        try
        {
            await using var agent = await AgentClient.ConnectAsync(socketPath, bounded.Token);
            return read(await agent.ExtensionAsync(extensionName, contents, bounded.Token));
        }
        catch (Exception exception) when (exception is IOException or SocketException or AgentProtocolException
            || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return default;
        }
    }
}
