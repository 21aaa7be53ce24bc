using EicAgent.Agent.Protocol;
using EicAgent.Aws.Paths;

namespace EicAgent.Cli.Connect;

/// <summary>The agent's answer to <see cref="ConnectRequest"/>: where to connect, or why not (one line for the user).</summary>
internal sealed record ConnectReply(string? InstanceId, Route? Route, string? Refusal)
{
    private const byte Go = 0;
    private const byte Refused = 1;

    public static ConnectReply To(string instanceId, Route route) => new(instanceId, route, null);

    public static ConnectReply Refuse(string reason) => new(null, null, reason);

    /*
     * SSH_AGENT_SUCCESS (6), then
     * byte    0 = go:      string instance id; string address; uint32 port
     *         1 = refused: string reason, one line for the user
     */
    public AgentMessage ToMessage() => AgentMessage.Create(AgentMessageType.Success, writer =>
    {
        if (Refusal is not null)
        {
            writer.WriteByte(Refused);
            writer.WriteString(Refusal);
            return;
        }

        writer.WriteByte(Go);
        writer.WriteString(InstanceId!);
        writer.WriteString(Route!.Address);
        writer.WriteUInt32((uint)Route.Port);
    });

    public static ConnectReply Read(AgentMessage message)
    {
        if (message.Type != AgentMessageType.Success)
        {
            throw new AgentProtocolException($"the agent does not know {ConnectRequest.ExtensionName} (is it an eic agent?)");
        }

        var reader = new SshReader(message.Body);
        var outcome = reader.ReadByte();
        ConnectReply reply = outcome switch
        {
            Go => To(reader.ReadUtf8String(), new Route(reader.ReadUtf8String(), (int)reader.ReadUInt32())),
            Refused => Refuse(reader.ReadUtf8String()),
            _ => throw new AgentProtocolException($"unknown connect outcome {outcome}"),
        };
        reader.EnsureAtEnd();
        return reply;
    }
}
