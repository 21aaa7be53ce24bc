namespace EicAgent.Agent.Protocol.Messages;

/// <summary>ADD_IDENTITY (17) and ADD_ID_CONSTRAINED (25). Dispose wipes the private fields.</summary>
public sealed record AddIdentityRequest(PrivateKeyFields Key, string Comment, KeyConstraints Constraints) : IDisposable
{
    /*
     * byte    SSH_AGENTC_ADD_IDENTITY (17) or SSH_AGENTC_ADD_ID_CONSTRAINED (25)
     * string  key type
     * ...     key-specific private fields (see PrivateKeyFields)
     * string  comment
     * ...     constraints (25 only, see KeyConstraints)
     */
    public static AddIdentityRequest Read(ReadOnlySpan<byte> body, bool constrained)
    {
        var reader = new SshReader(body);
        var key = PrivateKeyFields.Read(ref reader);
        try
        {
            var comment = reader.ReadUtf8String();
            var constraints = constrained ? KeyConstraints.Read(ref reader) : KeyConstraints.None;
            reader.EnsureAtEnd();
            return new AddIdentityRequest(key, comment, constraints);
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    public AgentMessage ToMessage()
    {
        var constrained = !Constraints.IsEmpty;
        return AgentMessage.Create(constrained ? AgentMessageType.AddIdentityConstrained : AgentMessageType.AddIdentity, writer =>
        {
            Key.WriteTo(writer);
            writer.WriteString(Comment);
            Constraints.WriteTo(writer);
        });
    }

    public void Dispose() => Key.Dispose();
}
