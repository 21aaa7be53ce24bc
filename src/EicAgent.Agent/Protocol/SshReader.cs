using System.Buffers.Binary;
using System.Text;

namespace EicAgent.Agent.Protocol;

/// <summary>
/// Reads RFC 4251 data types (byte, boolean, uint32, string, mpint) from a message body without copying.
/// Any read past the end throws <see cref="AgentProtocolException"/>.
/// https://www.rfc-editor.org/rfc/rfc4251#section-5
/// </summary>
public ref struct SshReader(ReadOnlySpan<byte> data)
{
    private ReadOnlySpan<byte> _remaining = data;

    public readonly int Remaining => _remaining.Length;

    public readonly bool AtEnd => _remaining.IsEmpty;

    public byte ReadByte() => Take(1)[0];

    public bool ReadBoolean() => ReadByte() != 0;

    public uint ReadUInt32() => BinaryPrimitives.ReadUInt32BigEndian(Take(4));

    public ulong ReadUInt64() => BinaryPrimitives.ReadUInt64BigEndian(Take(8));

    /// <summary>A `string`: uint32 length, then that many bytes (a view into the message, not a copy).</summary>
    public ReadOnlySpan<byte> ReadString()
    {
        var length = ReadUInt32();
        if (length > (uint)_remaining.Length)
        {
            AgentProtocolException.ThrowTruncated((int)Math.Min(length, int.MaxValue), _remaining.Length);
        }

        return Take((int)length);
    }

    public string ReadUtf8String() => Encoding.UTF8.GetString(ReadString());

    /// <summary>
    /// A non-negative `mpint` as its big-endian magnitude, without the sign-padding zero byte.
    /// Negative values never appear in keys, so they are refused.
    /// </summary>
    public ReadOnlySpan<byte> ReadPositiveMpint()
    {
        var value = ReadString();
        if (!value.IsEmpty && (value[0] & 0x80) != 0)
        {
            AgentProtocolException.Throw("negative mpint");
        }

        while (!value.IsEmpty && value[0] == 0)
        {
            value = value[1..];
        }

        return value;
    }

    /// <summary>Whatever is left, e.g. the raw contents of an extension request.</summary>
    public ReadOnlySpan<byte> ReadRest() => Take(_remaining.Length);

    public readonly void EnsureAtEnd()
    {
        if (!_remaining.IsEmpty)
        {
            AgentProtocolException.Throw($"{_remaining.Length} unexpected bytes after the message");
        }
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count > _remaining.Length)
        {
            AgentProtocolException.ThrowTruncated(count, _remaining.Length);
        }

        var taken = _remaining[..count];
        _remaining = _remaining[count..];
        return taken;
    }
}
