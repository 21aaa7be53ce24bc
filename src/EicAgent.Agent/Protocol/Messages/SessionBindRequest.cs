namespace EicAgent.Agent.Protocol.Messages;

/// <summary>
/// The contents of the `session-bind@openssh.com` extension (OpenSSH 8.9+): ssh tells the agent which server
/// host key and session it is authenticating for, proved by the server's key-exchange signature.
/// https://github.com/openssh/openssh-portable/blob/master/PROTOCOL.agent
/// </summary>
public sealed record SessionBindRequest(byte[] HostKeyBlob, byte[] SessionId, byte[] Signature, bool IsForwarding)
{
    public const string ExtensionName = "session-bind@openssh.com";

    /*
     * string  hostkey (public key blob)
     * string  session identifier
     * string  signature (the server's signature over the session identifier)
     * bool    is_forwarding
     */
    public static SessionBindRequest Read(ReadOnlySpan<byte> contents)
    {
        var reader = new SshReader(contents);
        var request = new SessionBindRequest(
            reader.ReadString().ToArray(),
            reader.ReadString().ToArray(),
            reader.ReadString().ToArray(),
            reader.ReadBoolean());
        reader.EnsureAtEnd();
        return request;
    }

    public byte[] ToContents()
    {
        using var writer = new SshWriter();
        writer.WriteString(HostKeyBlob);
        writer.WriteString(SessionId);
        writer.WriteString(Signature);
        writer.WriteBoolean(IsForwarding);
        return writer.ToArray();
    }

    public AgentMessage ToMessage() => new ExtensionRequest(ExtensionName, ToContents()).ToMessage();
}
