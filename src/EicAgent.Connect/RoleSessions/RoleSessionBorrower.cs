using System.Net.Sockets;
using EicAgent.Agent.Client;
using EicAgent.Agent.Protocol;
using EicAgent.Aws.Errors;
using EicAgent.Aws.Scopes;

namespace EicAgent.Cli.RoleSessions;

/// <summary>
/// The command's half of `role-session@eicagent`: borrow the agent's MFA role session for a profile, asking the user
/// for a code only when the agent has none yet (the agent then keeps the session for ssh and later commands).
/// </summary>
internal static class RoleSessionBorrower
{
    /// <summary>Above the AWS layer's own bound on a call, so that the agent's one-line reason arrives first.</summary>
    private static readonly TimeSpan AgentAnswerTimeout = TimeSpan.FromSeconds(25);

    /// <summary>
    /// The session, or null when no eic agent answers, it lends nothing for this profile, or it refuses before a code
    /// was typed: the command then asks AWS, and the user, itself.
    /// </summary>
    /// <param name="askCode">Asks the user the agent's question (one line naming the profile and device) for a code.</param>
    /// <exception cref="EicAwsException">A code was typed and the agent still has no session: its one-line reason.</exception>
    public static async Task<MfaRoleSession?> BorrowAsync(
        string socketPath, RoleSessionRequest request, Func<string, CancellationToken, Task<string>> askCode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(askCode);
        try
        {
            await using var agent = await BoundedAsync(token => AgentClient.ConnectAsync(socketPath, token), cancellationToken);
            var reply = await AskAsync(agent, request, cancellationToken);
            if (reply is not { MfaSerial: not null, Reason: { } question })
            {
                return reply.Session;
            }

            var code = await askCode(question, cancellationToken);
            var answer = await AskAsync(agent, request with { MfaCode = code }, cancellationToken);
            return answer.Session ?? throw new EicAwsException(answer.Reason ?? "the agent bought no role session with that code");
        }
        catch (Exception exception) when (exception is IOException or SocketException or AgentProtocolException
            || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return null;
        }
    }

    private static async Task<RoleSessionReply> AskAsync(AgentClient agent, RoleSessionRequest request, CancellationToken cancellationToken) =>
        RoleSessionReply.Read(await BoundedAsync(token => agent.ExtensionAsync(RoleSessionRequest.ExtensionName, request.Write(), token), cancellationToken));

    private static async Task<T> BoundedAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(AgentAnswerTimeout);
        return await call(bounded.Token);
    }
}
