namespace EicAgent.Agent.Protocol.Messages;

/// <summary>One public key as the agent lists it.</summary>
public sealed record PublicIdentity(byte[] KeyBlob, string Comment);

/// <summary>The agent's answer to REQUEST_IDENTITIES (11).</summary>
public static class IdentitiesAnswer
{
    /*
     * byte    SSH_AGENT_IDENTITIES_ANSWER (12)
     * uint32  nkeys
     * nkeys x:
     *   string  key blob
     *   string  comment
     */
    public static AgentMessage Create(IReadOnlyCollection<PublicIdentity> identities) =>
        AgentMessage.Create(AgentMessageType.IdentitiesAnswer, writer =>
        {
            writer.WriteUInt32((uint)identities.Count);
            foreach (var identity in identities)
            {
                writer.WriteString(identity.KeyBlob);
                writer.WriteString(identity.Comment);
            }
        });

    public static IReadOnlyList<PublicIdentity> Read(ReadOnlySpan<byte> body)
    {
        var reader = new SshReader(body);
        var count = reader.ReadUInt32();
        // Each identity takes at least 8 bytes: a count larger than that is garbage, not a reason to allocate.
        if (count > (uint)reader.Remaining / 8)
        {
            AgentProtocolException.Throw($"identity count {count} does not fit the message");
        }

        var identities = new List<PublicIdentity>((int)count);
        for (var i = 0; i < count; i++)
        {
            identities.Add(new PublicIdentity(reader.ReadString().ToArray(), reader.ReadUtf8String()));
        }

        reader.EnsureAtEnd();
        return identities;
    }
}
