using EicAgent.Agent.Client;
using EicAgent.Cli.Connect;
using EicAgent.Cli.Untrusted;

namespace EicAgent.Cli.Proxy;

/// <summary>
/// After ssh's bare "Permission denied (publickey)": EC2 Instance Connect took the key, yet ssh never asked the
/// agent to sign with it. ssh asks for a signature only once the server has said it would accept the key (the
/// publickey query of RFC 4252 7), so the instance refused a key that was there for that user -- most often
/// because the user does not exist on it, unless the instance took the same key for another login, when its key lookup
/// came back empty under load. The encrypted stream cannot tell this; the agent's record of the key can.
/// </summary>
internal static class UnacceptedKeyHint
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(5);

    public static async Task<bool> ExplainAsync(AgentClient agent, string host, string instanceId, string user, TextWriter errors)
    {
        using var bounded = new CancellationTokenSource(AskTimeout);
        KeyUse use;
        try
        {
            use = KeyUseMessage.Read(await agent.ExtensionAsync(KeyUseMessage.ExtensionName, [], bounded.Token).ConfigureAwait(false));
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException or EicAgent.Agent.Protocol.AgentProtocolException)
        {
            // Only a hint: an agent that cannot answer (an older one, or gone) leaves ssh's own line as the last word.
            return false;
        }

        if (Explanation(use, host, instanceId, user) is not { } explanation)
        {
            return false;
        }

        await errors.WriteLineAsync($"eic: {UntrustedText.Printable(explanation)}").ConfigureAwait(false);
        return true;
    }

    private static string? Explanation(KeyUse use, string host, string instanceId, string user) => use switch
    {
        KeyUse.PushedNeverSigned =>
            $"{host} ({instanceId}): EC2 Instance Connect accepted the key for {user}, but the instance did not: {user} probably "
            + "does not exist there (EC2 Instance Connect cannot create users; most AMIs refuse root) -- log in as the AMI's user, "
            + $"usually ec2-user, ubuntu or admin: `ssh ec2-user@{host}`",
        // The instance took this very key for another login, so the user exists: its lookup came back empty this time.
        KeyUse.RefusedThoughAcceptedForAnotherLogin =>
            $"{host} ({instanceId}): the instance refused the key for {user} that it had accepted for another login: its key "
            + $"lookup, which checks every key pushed for {user} in the last minute within 5 s, probably ran out of time with "
            + "many logins at once -- try again, or let logins to one host share a connection (`./install --multiplex`)",
        _ => null,
    };
}
