using EicAgent.Agent.Listeners;
using EicAgent.Aws.Errors;
using EicAgent.Aws.Scopes;
using EicAgent.Cli.Proxy;
using EicAgent.Cli.RoleSessions;
using EicAgent.Cli.Untrusted;

namespace EicAgent.Cli.Hosts;

/// <summary>
/// The commands that call AWS in-process (ls, doctor, config, known-hosts, ssh) and an assume-role profile with
/// mfa_serial: they borrow the session the agent already bought with a code (<see cref="RoleSessionBorrower"/>), so
/// the user types one code per role session for ssh and every command. Only without an agent, or when it lends
/// nothing, does the command ask for a code itself -- on the terminal, else SSH_ASKPASS, as the proxy does -- and the
/// role's credentials then serve the rest of it. The code goes only to the agent or <see cref="AwsScopes.OfferMfaCode"/>,
/// never to output or logs.
/// </summary>
internal static class MfaRetry
{
    /// <param name="agentSocket">The agent to borrow from (null: where `eic agent` listens by default).</param>
    /// <exception cref="MfaPromptException">A code was needed and nobody could be asked, or none was typed.</exception>
    public static async Task<T> RunAsync<T>(AwsScopes scopes, AwsContext context, string? agentSocket, Func<Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        ArgumentNullException.ThrowIfNull(work);
        try
        {
            return await work();
        }
        catch (EicAwsException exception) when (exception.Kind == EicAwsErrorKind.MfaCodeRequired)
        {
            var prompt = MfaCodePrompt.FromEnvironment();
            Task<string> AskAsync(string question, CancellationToken token) => prompt.AskAsync(UntrustedText.Printable(question), token);

            var lent = exception.MfaProfile is { } profile
                ? await RoleSessionBorrower.BorrowAsync(
                    AgentEndpoint.Resolve(agentSocket), new RoleSessionRequest(profile, exception.MfaRegion, null) { Context = context }, AskAsync, cancellationToken)
                : null;
            if (lent is not null)
            {
                scopes.OfferMfaRoleSession(context, exception.MfaProfile!, lent);
            }
            else
            {
                scopes.OfferMfaCode(context, await AskAsync(exception.Message, cancellationToken));
            }

            return await work();
        }
    }
}
