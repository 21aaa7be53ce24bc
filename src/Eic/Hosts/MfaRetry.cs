using EicAgent.Aws.Errors;
using EicAgent.Aws.Scopes;
using EicAgent.Cli.Proxy;
using EicAgent.Cli.Untrusted;

namespace EicAgent.Cli.Hosts;

/// <summary>
/// The commands that call AWS in-process (ls, doctor, config, known-hosts, ssh) ask for an assume-role profile's MFA
/// code where the proxy does: on the terminal, else SSH_ASKPASS. Asked once per command: the role's credentials then
/// serve the rest of it. The code goes only to <see cref="AwsScopes.OfferMfaCode"/>, never to output or logs.
/// </summary>
internal static class MfaRetry
{
    /// <exception cref="MfaPromptException">A code was needed and nobody could be asked, or none was typed.</exception>
    public static async Task<T> RunAsync<T>(AwsScopes scopes, AwsContext context, Func<Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        ArgumentNullException.ThrowIfNull(work);
        try
        {
            return await work();
        }
        catch (EicAwsException exception) when (exception.Kind == EicAwsErrorKind.MfaCodeRequired)
        {
            var code = await MfaCodePrompt.FromEnvironment().AskAsync(UntrustedText.Printable(exception.Message), cancellationToken);
            scopes.OfferMfaCode(context, code);
            return await work();
        }
    }
}
