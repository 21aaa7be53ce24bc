using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace EicAgent.Simulator.SessionManager;

/// <summary>
/// A data channel message as the service reads and writes it: a 116-byte header length, the 32-byte space-padded
/// message type, schema version, created date (ms), sequence number, flags, the message id (UUID, low 8 bytes
/// first), SHA-256 of the payload, payload type, payload length, payload -- integers big-endian.
/// </summary>
internal sealed record ChannelFrame(string Type, long Sequence, ulong Flags, Guid Id, uint PayloadType, byte[] Payload)
{
    public const uint Output = 1;
    public const uint HandshakeRequest = 5;
    public const uint HandshakeResponse = 6;
    public const uint HandshakeComplete = 7;
    public const uint Flag = 10;
    private const int Header = 116;

    public byte[] Encode(DateTimeOffset now)
    {
        var bytes = new byte[Header + 4 + Payload.Length];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, Header);
        Encoding.ASCII.GetBytes(Type.PadRight(32), bytes.AsSpan(4, 32));
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(36), 1);
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(40), now.ToUnixTimeMilliseconds());
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(48), Sequence);
        BinaryPrimitives.WriteUInt64BigEndian(bytes.AsSpan(56), Flags);
        var id = Id.ToByteArray(bigEndian: true);
        id.AsSpan(8, 8).CopyTo(bytes.AsSpan(64));
        id.AsSpan(0, 8).CopyTo(bytes.AsSpan(72));
        SHA256.HashData(Payload, bytes.AsSpan(80, 32));
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(112), PayloadType);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(116), (uint)Payload.Length);
        Payload.CopyTo(bytes, Header + 4);
        return bytes;
    }

    /// <summary>Null for a frame the service would reject: short, lengths that disagree, or a payload digest that does not match.</summary>
    public static ChannelFrame? Decode(byte[] bytes)
    {
        if (bytes.Length < Header + 4 || BinaryPrimitives.ReadUInt32BigEndian(bytes) != Header)
        {
            return null;
        }

        var length = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(116));
        var payload = bytes.AsSpan(Header + 4);
        if (length != payload.Length || (length > 0 && !SHA256.HashData(payload).AsSpan().SequenceEqual(bytes.AsSpan(80, 32))))
        {
            return null;
        }

        var id = new byte[16];
        bytes.AsSpan(72, 8).CopyTo(id);
        bytes.AsSpan(64, 8).CopyTo(id.AsSpan(8));
        return new ChannelFrame(
            Encoding.ASCII.GetString(bytes, 4, 32).TrimEnd(' ', '\0'),
            BinaryPrimitives.ReadInt64BigEndian(bytes.AsSpan(48)),
            BinaryPrimitives.ReadUInt64BigEndian(bytes.AsSpan(56)),
            new Guid(id, bigEndian: true),
            BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(112)),
            payload.ToArray());
    }
}
