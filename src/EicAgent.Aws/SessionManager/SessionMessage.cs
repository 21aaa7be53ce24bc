using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace EicAgent.Aws.SessionManager;

/// <summary>
/// One binary frame of Session Manager's data channel. All integers big-endian:
/// <code>
/// uint32  header length (116: the offset of the payload length field)
/// byte[32] message type, ASCII, space padded   ("input_stream_data", "acknowledge", ...)
/// uint32  schema version (1)
/// uint64  created date, ms since the epoch
/// int64   sequence number
/// uint64  flags (bit 0 SYN, bit 1 FIN; acknowledgements carry 3)
/// byte[16] message id: a UUID with its two 8-byte halves swapped (low half first)
/// byte[32] SHA-256 of the payload
/// uint32  payload type (<see cref="SessionPayloadType"/>)
/// uint32  payload length
/// byte[]  payload
/// </code>
/// </summary>
public sealed record SessionMessage(
    string MessageType, long SequenceNumber, ulong Flags, Guid MessageId, SessionPayloadType PayloadType, ReadOnlyMemory<byte> Payload)
{
    public const int HeaderLength = 116;
    public const int PayloadOffset = HeaderLength + 4;
    private const int TypeLength = 32;

    public uint SchemaVersion { get; init; } = 1;

    /// <summary>Milliseconds since the Unix epoch.</summary>
    public ulong CreatedDate { get; init; }

    public byte[] Write()
    {
        var frame = new byte[PayloadOffset + Payload.Length];
        var span = frame.AsSpan();
        BinaryPrimitives.WriteUInt32BigEndian(span, HeaderLength);
        span.Slice(4, TypeLength).Fill((byte)' ');
        if (Encoding.ASCII.GetBytes(MessageType, span.Slice(4, TypeLength)) != MessageType.Length)
        {
            throw new ArgumentException($"message type {MessageType} is not ASCII");
        }

        BinaryPrimitives.WriteUInt32BigEndian(span[36..], SchemaVersion);
        BinaryPrimitives.WriteUInt64BigEndian(span[40..], CreatedDate);
        BinaryPrimitives.WriteInt64BigEndian(span[48..], SequenceNumber);
        BinaryPrimitives.WriteUInt64BigEndian(span[56..], Flags);
        SessionUuid.Write(MessageId, span.Slice(64, 16));
        SHA256.HashData(Payload.Span, span.Slice(80, 32));
        BinaryPrimitives.WriteUInt32BigEndian(span[112..], (uint)PayloadType);
        BinaryPrimitives.WriteUInt32BigEndian(span[116..], (uint)Payload.Length);
        Payload.Span.CopyTo(span[PayloadOffset..]);
        return frame;
    }

    /// <exception cref="InvalidDataException">A truncated frame, a header length or payload length that does not fit, or a payload whose digest is wrong.</exception>
    public static SessionMessage Read(ReadOnlyMemory<byte> frame)
    {
        var span = frame.Span;
        if (span.Length < 4 + TypeLength)
        {
            throw new InvalidDataException($"a data channel frame of {span.Length} bytes is too short");
        }

        var type = Encoding.ASCII.GetString(span.Slice(4, TypeLength)).Trim(' ', '\0');
        if (type is SessionMessageKind.StartPublication or SessionMessageKind.PausePublication && span.Length < PayloadOffset)
        {
            // These two carry nothing a client needs but their type.
            return new SessionMessage(type, 0, 0, Guid.Empty, SessionPayloadType.None, ReadOnlyMemory<byte>.Empty);
        }

        var headerLength = span.Length >= PayloadOffset ? BinaryPrimitives.ReadUInt32BigEndian(span) : 0;
        if (headerLength < HeaderLength || headerLength + 4 > span.Length)
        {
            throw new InvalidDataException($"a {type} frame of {span.Length} bytes has header length {headerLength}");
        }

        var payloadLength = BinaryPrimitives.ReadUInt32BigEndian(span[116..]);
        var payloadStart = (int)headerLength + 4;
        if (payloadLength != span.Length - payloadStart)
        {
            throw new InvalidDataException($"a {type} frame says {payloadLength} payload bytes but carries {span.Length - payloadStart}");
        }

        var payload = frame[payloadStart..];
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(payload.Span, digest);
        if (payloadLength > 0 && !digest.SequenceEqual(span.Slice(80, 32)))
        {
            throw new InvalidDataException($"the payload digest of a {type} frame does not match its payload");
        }

        return new SessionMessage(
            type,
            BinaryPrimitives.ReadInt64BigEndian(span[48..]),
            BinaryPrimitives.ReadUInt64BigEndian(span[56..]),
            SessionUuid.Read(span.Slice(64, 16)),
            (SessionPayloadType)BinaryPrimitives.ReadUInt32BigEndian(span[112..]),
            payload)
        {
            SchemaVersion = BinaryPrimitives.ReadUInt32BigEndian(span[36..]),
            CreatedDate = BinaryPrimitives.ReadUInt64BigEndian(span[40..]),
        };
    }
}
