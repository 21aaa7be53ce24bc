using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using EicAgent.Agent.Protocol;
using Microsoft.Extensions.Logging;

namespace EicAgent.Agent.Core;

/// <summary>
/// Serves one connection: read `uint32 length`, read that many bytes, dispatch, write the reply, repeat. A
/// length of 0 or over <see cref="AgentFraming.MaxMessageLength"/> closes the connection (as OpenSSH does);
/// a frame cut short by the client closing ends it quietly.
/// </summary>
internal sealed class AgentConnectionLoop(AgentDispatcher dispatcher, ILogger logger)
{
    public async Task ServeAsync(Stream stream, AgentSession session, CancellationToken cancellationToken)
    {
        var header = new byte[AgentFraming.LengthPrefixSize];
        while (await ReadFullyAsync(stream, header, cancellationToken))
        {
            var length = BinaryPrimitives.ReadUInt32BigEndian(header);
            if (length is 0 or > AgentFraming.MaxMessageLength)
            {
                AgentLog.FrameLengthRefused(logger, session.ConnectionId, length, AgentFraming.MaxMessageLength);
                return;
            }

            var message = ArrayPool<byte>.Shared.Rent((int)length);
            try
            {
                if (!await ReadFullyAsync(stream, message.AsMemory(0, (int)length), cancellationToken))
                {
                    AgentLog.ConnectionBroken(logger, session.ConnectionId, "the client closed the connection in the middle of a message");
                    return;
                }

                var reply = await dispatcher.DispatchAsync(session, message.AsMemory(0, (int)length), cancellationToken);
                await WriteAsync(stream, reply, cancellationToken);
            }
            finally
            {
                // Requests may carry private keys or passphrases.
                CryptographicOperations.ZeroMemory(message.AsSpan(0, (int)length));
                ArrayPool<byte>.Shared.Return(message);
            }
        }
    }

    /// <summary>False when the stream ends before <paramref name="buffer"/> is full.</summary>
    private static async ValueTask<bool> ReadFullyAsync(Stream stream, Memory<byte> buffer, CancellationToken cancellationToken) =>
        await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken) == buffer.Length;

    private static async ValueTask WriteAsync(Stream stream, AgentMessage reply, CancellationToken cancellationToken)
    {
        var frame = new byte[AgentFraming.LengthPrefixSize + reply.Bytes.Length];
        BinaryPrimitives.WriteUInt32BigEndian(frame, (uint)reply.Bytes.Length);
        reply.Bytes.CopyTo(frame.AsMemory(AgentFraming.LengthPrefixSize));
        await stream.WriteAsync(frame, cancellationToken);
        await stream.FlushAsync(cancellationToken);
    }
}
