using System.Buffers.Binary;
using EicAgent.Agent.Protocol;
using Microsoft.Extensions.Logging;

namespace EicAgent.Agent.Core;

/// <summary>
/// Serves one connection: read `uint32 length`, read that many bytes, dispatch, write the reply, repeat. A
/// length of 0 or over <see cref="AgentFraming.MaxMessageLength"/> closes the connection (as OpenSSH does);
/// a frame cut short by the client closing ends it quietly. A connection may stay idle between frames for as
/// long as it likes (the ProxyCommand holds its connection for the whole session), but a frame must be
/// complete within <see cref="AgentServerOptions.FrameTimeout"/> of its first byte, or the connection is closed.
/// </summary>
internal sealed class AgentConnectionLoop(AgentDispatcher dispatcher, AgentServerOptions options, TimeProvider time, ILogger logger)
{
    public async Task ServeAsync(Stream stream, AgentSession session, CancellationToken cancellationToken)
    {
        var header = new byte[AgentFraming.LengthPrefixSize];
        while (await stream.ReadAsync(header.AsMemory(0, 1), cancellationToken) == 1)
        {
            using var frame = new ReceivedFrame();
            using var deadline = new CancellationTokenSource(options.FrameTimeout, time);
            using var reading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
            try
            {
                if (await ReceiveAsync(stream, header, frame, session, reading.Token) is not { } message)
                {
                    return;
                }
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                AgentLog.FrameTimedOut(logger, session.ConnectionId, options.FrameTimeout.TotalSeconds);
                return;
            }

            var reply = await dispatcher.DispatchAsync(session, frame.Message, cancellationToken);
            await WriteAsync(stream, reply, cancellationToken);
        }
    }

    /// <summary>The rest of the frame whose first byte is in <paramref name="header"/>; null when the connection is to end.</summary>
    private async Task<ReceivedFrame?> ReceiveAsync(
        Stream stream, byte[] header, ReceivedFrame frame, AgentSession session, CancellationToken cancellationToken)
    {
        if (!await ReadFullyAsync(stream, header.AsMemory(1), cancellationToken))
        {
            AgentLog.ConnectionBroken(logger, session.ConnectionId, "the client closed the connection in the middle of a message");
            return null;
        }

        var length = BinaryPrimitives.ReadUInt32BigEndian(header);
        if (length is 0 or > AgentFraming.MaxMessageLength)
        {
            AgentLog.FrameLengthRefused(logger, session.ConnectionId, length, AgentFraming.MaxMessageLength);
            return null;
        }

        if (!await frame.ReceiveAsync(stream, (int)length, cancellationToken))
        {
            AgentLog.ConnectionBroken(logger, session.ConnectionId, "the client closed the connection in the middle of a message");
            return null;
        }

        return frame;
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
