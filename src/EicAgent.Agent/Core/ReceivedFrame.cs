using System.Buffers;
using System.Security.Cryptography;

namespace EicAgent.Agent.Core;

/// <summary>
/// The body of one request as it arrives. The buffer grows with the bytes actually received, never with the
/// length the client announced: a client that announces 256 KiB and then stalls costs the agent a few KiB.
/// The bytes are wiped when the frame is disposed, since requests may carry private keys or passphrases.
/// </summary>
internal sealed class ReceivedFrame : IDisposable
{
    private const int InitialSize = 4 * 1024;

    private byte[] _buffer = [];
    private int _received;

    /// <summary>The whole message once <see cref="ReceiveAsync"/> returned true.</summary>
    public ReadOnlyMemory<byte> Message => _buffer.AsMemory(0, _received);

    /// <summary>Reads exactly <paramref name="length"/> bytes; false when the stream ends first.</summary>
    public async ValueTask<bool> ReceiveAsync(Stream stream, int length, CancellationToken cancellationToken)
    {
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Min(length, InitialSize));
        while (_received < length)
        {
            if (_received == _buffer.Length)
            {
                Grow(Math.Min(length, _buffer.Length * 2));
            }

            var room = Math.Min(_buffer.Length, length) - _received;
            var read = await stream.ReadAsync(_buffer.AsMemory(_received, room), cancellationToken);
            if (read == 0)
            {
                return false;
            }

            _received += read;
        }

        return true;
    }

    public void Dispose()
    {
        Release(_buffer, _received);
        _buffer = [];
        _received = 0;
    }

    private void Grow(int size)
    {
        var larger = ArrayPool<byte>.Shared.Rent(size);
        _buffer.AsSpan(0, _received).CopyTo(larger);
        Release(_buffer, _received);
        _buffer = larger;
    }

    private static void Release(byte[] buffer, int used)
    {
        if (buffer.Length == 0)
        {
            return;
        }

        CryptographicOperations.ZeroMemory(buffer.AsSpan(0, used));
        ArrayPool<byte>.Shared.Return(buffer);
    }
}
