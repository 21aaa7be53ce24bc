using EicAgent.Agent.Client;
using EicAgent.Cli.Connect;
using EicAgent.Cli.Untrusted;

namespace EicAgent.Cli.Proxy;

/// <summary>
/// After ssh's bare "Permission denied (publickey)": EC2 Instance Connect took the key, yet ssh never asked the
/// agent to sign with it. ssh asks for a signature only once the server has said it would accept the key (the
/// publickey query of RFC 4252 7), so the instance refused a key that was there for that user -- most often
/// because the user does not exist on it. The encrypted stream cannot tell this; the agent's record of the key can.
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

        if (use != KeyUse.PushedNeverSigned)
        {
            return false;
        }

        await errors.WriteLineAsync($"eic: {UntrustedText.Printable(Explanation(host, instanceId, user))}").ConfigureAwait(false);
        return true;
    }

    private static string Explanation(string host, string instanceId, string user) =>
        $"{host} ({instanceId}): EC2 Instance Connect accepted the key for {user}, but the instance did not: {user} probably "
        + "does not exist there (EC2 Instance Connect cannot create users; most AMIs refuse root) -- log in as the AMI's user, "
        + $"usually ec2-user, ubuntu or admin: `ssh ec2-user@{host}`";
}
