using System.Buffers.Binary;
using System.IO.Pipes;
using System.Net.Sockets;
using EicAgent.Agent.Listeners;
using EicAgent.Agent.Protocol;
using EicAgent.Agent.Protocol.Messages;

namespace EicAgent.Agent.Client;

/// <summary>
/// The client side of the protocol over one connection: send a request, read its reply. Used by the
/// ProxyCommand to reach its extension, and by tests. One request at a time.
/// </summary>
public sealed class AgentClient(Stream stream) : IAsyncDisposable
{
    private readonly byte[] _header = new byte[AgentFraming.LengthPrefixSize];

    /// <summary>A read started by <see cref="HangUpAsync"/>: its byte, if one came, begins the next reply.</summary>
    private Task<int>? _waiting;

    /// <summary>
    /// Connects to the agent at a socket path or pipe (see <see cref="AgentEndpoint"/>). Throws
    /// <see cref="UntrustedAgentException"/> when what answers runs as another user: a pipe must be owned by
    /// the current user, a socket's peer must be our uid or root.
    /// </summary>
    public static async Task<AgentClient> ConnectAsync(string path, CancellationToken cancellationToken)
    {
        if (AgentEndpoint.IsNamedPipe(path))
        {
            var pipe = new NamedPipeClientStream(
                ".", AgentEndpoint.PipeName(path), PipeDirection.InOut, PipeOptions.Asynchronous | PipeOptions.CurrentUserOnly);
            try
            {
                await pipe.ConnectAsync(cancellationToken);
            }
            catch (UnauthorizedAccessException exception)
            {
                await pipe.DisposeAsync();
                throw new UntrustedAgentException($"refusing the agent pipe {path}: it is not owned by you ({exception.Message})");
            }

            return new AgentClient(pipe);
        }

        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), cancellationToken);
            AgentPeerTrust.Ensure(socket, path);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        return new AgentClient(new NetworkStream(socket, ownsSocket: true));
    }

    /// <summary>Sends one request and returns the agent's reply.</summary>
    public async Task<AgentMessage> RequestAsync(AgentMessage request, CancellationToken cancellationToken)
    {
        var frame = new byte[AgentFraming.LengthPrefixSize + request.Bytes.Length];
        BinaryPrimitives.WriteUInt32BigEndian(frame, (uint)request.Bytes.Length);
        request.Bytes.CopyTo(frame.AsMemory(AgentFraming.LengthPrefixSize));
        await stream.WriteAsync(frame, cancellationToken);
        await stream.FlushAsync(cancellationToken);

        await ReadHeaderAsync(cancellationToken);
        var length = BinaryPrimitives.ReadUInt32BigEndian(_header);
        if (length is 0 or > AgentFraming.MaxMessageLength)
        {
            throw new AgentProtocolException($"reply length {length} is not within 1..{AgentFraming.MaxMessageLength}");
        }

        var reply = new byte[length];
        await stream.ReadExactlyAsync(reply, cancellationToken);
        return AgentMessage.FromMessage(reply);
    }

    public async Task<IReadOnlyList<PublicIdentity>> ListIdentitiesAsync(CancellationToken cancellationToken)
    {
        var reply = await RequestAsync(AgentMessage.Create(AgentMessageType.RequestIdentities, _ => { }), cancellationToken);
        return reply.Type == AgentMessageType.IdentitiesAnswer
            ? IdentitiesAnswer.Read(reply.Body)
            : throw new AgentProtocolException($"expected an identities answer, got {reply.Type}");
    }

    /// <summary>The signature blob, or null when the agent refuses.</summary>
    public async Task<byte[]?> SignAsync(SignRequest request, CancellationToken cancellationToken)
    {
        var reply = await RequestAsync(request.ToMessage(), cancellationToken);
        return reply.Type == AgentMessageType.SignResponse ? SignResponse.Read(reply.Body) : null;
    }

    /// <summary>Sends EXTENSION (27) and returns the whole reply (SUCCESS with a body, FAILURE, ...).</summary>
    public Task<AgentMessage> ExtensionAsync(string name, byte[] contents, CancellationToken cancellationToken) =>
        RequestAsync(new ExtensionRequest(name, contents).ToMessage(), cancellationToken);

    /// <summary>
    /// True once the agent closes the connection (or reading from it fails); false when a reply to the next request
    /// arrives first (the agent sends nothing unasked). For a client that keeps its connection while it waits for
    /// something else; its next request takes the byte that read.
    /// </summary>
    public async Task<bool> HangUpAsync()
    {
        var waiting = _waiting ??= stream.ReadAsync(_header.AsMemory(0, 1)).AsTask();
        await ((Task)waiting).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        return !waiting.IsCompletedSuccessfully || waiting.Result == 0;
    }

    public ValueTask DisposeAsync() => stream.DisposeAsync();

    private async Task ReadHeaderAsync(CancellationToken cancellationToken)
    {
        if (_waiting is not { } waiting)
        {
            await stream.ReadExactlyAsync(_header, cancellationToken);
            return;
        }

        _waiting = null;
        if (await waiting.WaitAsync(cancellationToken) == 0)
        {
            throw new EndOfStreamException("the agent closed the connection");
        }

        await stream.ReadExactlyAsync(_header.AsMemory(1), cancellationToken);
    }
}
