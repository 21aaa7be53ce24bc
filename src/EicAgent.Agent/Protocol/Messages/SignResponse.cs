namespace EicAgent.Agent.Protocol.Messages;

/// <summary>SIGN_RESPONSE (14).</summary>
public static class SignResponse
{
    /*
     * byte    SSH_AGENT_SIGN_RESPONSE (14)
     * string  signature blob (string algorithm; string signature)
     */
    public static AgentMessage Create(ReadOnlySpan<byte> signatureBlob)
    {
        var blob = signatureBlob.ToArray();
        return AgentMessage.Create(AgentMessageType.SignResponse, writer => writer.WriteString(blob));
    }

    public static byte[] Read(ReadOnlySpan<byte> body)
    {
        var reader = new SshReader(body);
        var blob = reader.ReadString().ToArray();
        reader.EnsureAtEnd();
        return blob;
    }
}
