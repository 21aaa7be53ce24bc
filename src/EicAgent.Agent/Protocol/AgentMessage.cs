namespace EicAgent.Agent.Protocol;

/// <summary>
/// One message, request or reply: the type byte and its body. The connection loop adds the uint32 length.
/// </summary>
public sealed class AgentMessage
{
    private AgentMessage(byte[] message) => Bytes = message;

    public static AgentMessage Success { get; } = new([(byte)AgentMessageType.Success]);

    public static AgentMessage Failure { get; } = new([(byte)AgentMessageType.Failure]);

    /// <summary>
    /// Clients older than 2026 log "invalid format" on 28, so known extensions that fail answer
    /// <see cref="Failure"/>; this exists for completeness of the codec.
    /// </summary>
    public static AgentMessage ExtensionFailure { get; } = new([(byte)AgentMessageType.ExtensionFailure]);

    /// <summary>The type byte followed by the body.</summary>
    public ReadOnlyMemory<byte> Bytes { get; }

    public AgentMessageType Type => (AgentMessageType)Bytes.Span[0];

    public ReadOnlySpan<byte> Body => Bytes.Span[1..];

    /// <summary>A message of the given type whose body <paramref name="writeBody"/> writes.</summary>
    public static AgentMessage Create(AgentMessageType type, Action<SshWriter> writeBody)
    {
        using var writer = new SshWriter();
        writer.WriteByte((byte)type);
        writeBody(writer);
        return new AgentMessage(writer.ToArray());
    }

    /// <summary>Takes a whole message (type byte first), as read from the wire.</summary>
    public static AgentMessage FromMessage(ReadOnlySpan<byte> message)
    {
        if (message.IsEmpty)
        {
            AgentProtocolException.Throw("empty message");
        }

        return new AgentMessage(message.ToArray());
    }
}
