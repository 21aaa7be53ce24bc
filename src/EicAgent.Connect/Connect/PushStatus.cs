using EicAgent.Agent.Protocol;

namespace EicAgent.Cli.Connect;

/// <summary>
/// How the key push of a connection ended, asked for by the ProxyCommand while it relays (`push-status@eicagent`),
/// so that a refused push reaches the user as one line instead of ssh's bare "Permission denied".
/// </summary>
internal sealed record PushStatus(string? Failure)
{
    public const string ExtensionName = "push-status@eicagent";

    public static PushStatus Pushed { get; } = new((string?)null);

    /*
     * SSH_AGENT_SUCCESS (6), then
     * byte    0 = pushed
     *         1 = failed: string reason, one line for the user
     */
    public AgentMessage ToMessage() => AgentMessage.Create(AgentMessageType.Success, writer =>
    {
        writer.WriteBoolean(Failure is not null);
        if (Failure is not null)
        {
            writer.WriteString(Failure);
        }
    });

    public static PushStatus Read(AgentMessage message)
    {
        ExtensionReply.EnsureSuccess(message, ExtensionName);
        var reader = new SshReader(message.Body);
        var status = reader.ReadBoolean() ? new PushStatus(reader.ReadUtf8String()) : Pushed;
        reader.EnsureAtEnd();
        return status;
    }
}
