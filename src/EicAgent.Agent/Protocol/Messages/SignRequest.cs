namespace EicAgent.Agent.Protocol.Messages;

/// <summary>The flags of a SIGN_REQUEST: which hash an RSA key signs with (Ed25519 ignores them).</summary>
[Flags]
public enum SignatureFlags : uint
{
    None = 0,
    RsaSha2_256 = 2,
    RsaSha2_512 = 4,
}

/// <summary>SIGN_REQUEST (13): sign <see cref="Data"/> with the key whose public blob is <see cref="KeyBlob"/>.</summary>
public sealed record SignRequest(byte[] KeyBlob, byte[] Data, SignatureFlags Flags)
{
    /*
     * byte    SSH_AGENTC_SIGN_REQUEST (13)
     * string  key blob
     * string  data
     * uint32  flags
     */
    public static SignRequest Read(ReadOnlySpan<byte> body)
    {
        var reader = new SshReader(body);
        var request = new SignRequest(reader.ReadString().ToArray(), reader.ReadString().ToArray(), (SignatureFlags)reader.ReadUInt32());
        reader.EnsureAtEnd();
        return request;
    }

    public AgentMessage ToMessage() => AgentMessage.Create(AgentMessageType.SignRequest, writer =>
    {
        writer.WriteString(KeyBlob);
        writer.WriteString(Data);
        writer.WriteUInt32((uint)Flags);
    });
}
