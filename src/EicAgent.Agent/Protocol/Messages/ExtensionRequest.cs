namespace EicAgent.Agent.Protocol.Messages;

/// <summary>EXTENSION (27): a named request whose contents only the extension understands.</summary>
public sealed record ExtensionRequest(string Name, byte[] Contents)
{
    /*
     * byte    SSH_AGENTC_EXTENSION (27)
     * string  extension name
     * byte[]  contents (the rest of the message, NOT wrapped in another string)
     */
    public static ExtensionRequest Read(ReadOnlySpan<byte> body)
    {
        var reader = new SshReader(body);
        var name = reader.ReadUtf8String();
        return new ExtensionRequest(name, reader.ReadRest().ToArray());
    }

    public AgentMessage ToMessage() => AgentMessage.Create(AgentMessageType.Extension, writer =>
    {
        writer.WriteString(Name);
        writer.WriteRaw(Contents);
    });
}
