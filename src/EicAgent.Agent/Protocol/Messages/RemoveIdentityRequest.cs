namespace EicAgent.Agent.Protocol.Messages;

/// <summary>REMOVE_IDENTITY (18): forget the key whose public blob this is.</summary>
public static class RemoveIdentityRequest
{
    /*
     * byte    SSH_AGENTC_REMOVE_IDENTITY (18)
     * string  key blob
     */
    public static byte[] Read(ReadOnlySpan<byte> body)
    {
        var reader = new SshReader(body);
        var blob = reader.ReadString().ToArray();
        reader.EnsureAtEnd();
        return blob;
    }

    public static AgentMessage Create(byte[] keyBlob) =>
        AgentMessage.Create(AgentMessageType.RemoveIdentity, writer => writer.WriteString(keyBlob));
}
