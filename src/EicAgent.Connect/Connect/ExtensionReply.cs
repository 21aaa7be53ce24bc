using EicAgent.Agent.Protocol;

namespace EicAgent.Cli.Connect;

/// <summary>Tells apart, in an agent's answer to one of our extensions, "it failed" from "this is not an eic agent".</summary>
internal static class ExtensionReply
{
    /// <exception cref="AgentProtocolException">The agent did not answer SUCCESS: one line saying which case.</exception>
    public static void EnsureSuccess(AgentMessage message, string extensionName)
    {
        ArgumentNullException.ThrowIfNull(message);
        switch (message.Type)
        {
            case AgentMessageType.Success:
                return;
            case AgentMessageType.ExtensionFailure:
                throw new AgentProtocolException($"the agent failed to answer {extensionName}: run `eic agent --foreground` (or read the service's log) to see why");
            default:
                throw new AgentProtocolException($"the agent does not know {extensionName} (is it an eic agent?)");
        }
    }
}
