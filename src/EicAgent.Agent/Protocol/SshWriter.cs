using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace EicAgent.Agent.Protocol;

/// <summary>
/// Writes RFC 4251 data types big-endian into a pooled buffer that grows as needed. The buffer may have held
/// private key bytes, so it is wiped before it goes back to the pool.
/// </summary>
public sealed class SshWriter : IDisposable
{
    private byte[] _buffer;
    private int _length;
    private bool _disposed;

    public SshWriter(int initialCapacity = 256) => _buffer = ArrayPool<byte>.Shared.Rent(initialCapacity);

    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _length);

    public int Length => _length;

    public byte[] ToArray() => Written.ToArray();

    public void WriteByte(byte value) => Reserve(1)[0] = value;

    public void WriteBoolean(bool value) => WriteByte(value ? (byte)1 : (byte)0);

    public void WriteUInt32(uint value) => BinaryPrimitives.WriteUInt32BigEndian(Reserve(4), value);

    public void WriteUInt64(ulong value) => BinaryPrimitives.WriteUInt64BigEndian(Reserve(8), value);

    public void WriteRaw(ReadOnlySpan<byte> bytes) => bytes.CopyTo(Reserve(bytes.Length));

    public void WriteString(ReadOnlySpan<byte> bytes)
    {
        WriteUInt32((uint)bytes.Length);
        WriteRaw(bytes);
    }

    public void WriteString(string text)
    {
        var byteCount = Encoding.UTF8.GetByteCount(text);
        WriteUInt32((uint)byteCount);
        Encoding.UTF8.GetBytes(text, Reserve(byteCount));
    }

    /// <summary>A non-negative `mpint` from its big-endian magnitude: no leading zeros, but one when the top bit is set.</summary>
    public void WriteMpint(ReadOnlySpan<byte> magnitude)
    {
        magnitude = magnitude.TrimStart((byte)0);
        var padded = !magnitude.IsEmpty && (magnitude[0] & 0x80) != 0;
        WriteUInt32((uint)(magnitude.Length + (padded ? 1 : 0)));
        if (padded)
        {
            WriteByte(0);
        }

        WriteRaw(magnitude);
    }

    /// <summary>Starts a `string` whose contents are written next; <see cref="EndString"/> fills in its length.</summary>
    public int BeginString()
    {
        var start = _length;
        Reserve(4);
        return start;
    }

    public void EndString(int start) =>
        BinaryPrimitives.WriteUInt32BigEndian(_buffer.AsSpan(start, 4), (uint)(_length - start - 4));

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        CryptographicOperations.ZeroMemory(_buffer);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
        _length = 0;
    }

    private Span<byte> Reserve(int count)
    {
        if (_length + count > _buffer.Length)
        {
            Grow(_length + count);
        }

        var span = _buffer.AsSpan(_length, count);
        _length += count;
        return span;
    }

    private void Grow(int needed)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, _buffer.Length * 2));
        Written.CopyTo(larger);
        CryptographicOperations.ZeroMemory(_buffer);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = larger;
    }
}
