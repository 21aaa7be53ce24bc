namespace EicAgent.Aws.SessionManager;

/// <summary>The websocket under a <see cref="DataChannel"/>: whole messages in, whole messages out (a seam for tests).</summary>
public interface IDataChannelSocket : IAsyncDisposable
{
    /// <summary>Sends one whole message; callers never overlap two sends.</summary>
    ValueTask SendAsync(ReadOnlyMemory<byte> message, bool text, CancellationToken cancellation);

    /// <summary>The next whole message, or null when the service closed the socket normally.</summary>
    /// <exception cref="DataChannelException">The socket broke, or closed with an error code and reason.</exception>
    ValueTask<byte[]?> ReceiveAsync(CancellationToken cancellation);
}

/// <summary>The data channel failed; the message is one line for the user.</summary>
public sealed class DataChannelException(string message, Exception? inner = null) : Exception(message, inner);
