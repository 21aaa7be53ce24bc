using EicAgent.Aws.Errors;
using EicAgent.Aws.Scopes;
using EicAgent.Cli.Connect;

namespace EicAgent.Cli.RoleSessions;

/// <summary>
/// The command's half of `role-session@eicagent`: borrow the agent's MFA role session for a profile, asking the user
/// for a code only when the agent has none yet (the agent then keeps the session for ssh and later commands).
/// </summary>
internal static class RoleSessionBorrower
{
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
        var reply = await AskAsync(socketPath, request, cancellationToken);
        if (reply is not { MfaSerial: not null, Reason: { } question })
        {
            return reply?.Session;
        }

        // The code goes to the agent, which buys the session with it and keeps it for the caller's context.
        var code = await askCode(question, cancellationToken);
        var answer = await AskAsync(socketPath, request with { MfaCode = code }, cancellationToken);
        return answer is null ? null : answer.Session ?? throw new EicAwsException(answer.Reason ?? "the agent bought no role session with that code");
    }

    private static Task<RoleSessionReply?> AskAsync(string socketPath, RoleSessionRequest request, CancellationToken cancellationToken) =>
        OptionalAgentQuery.AskAsync(socketPath, RoleSessionRequest.ExtensionName, request.Write(), RoleSessionReply.Read, cancellationToken);
}
