using System.Buffers.Binary;
using System.Net.Sockets;
using EicAgent.Agent.Protocol;
using EicAgent.Agent.Tests.Support;
using Microsoft.Extensions.Logging;

namespace EicAgent.Agent.Tests.Robustness;

/// <summary>Whatever a client sends, the agent answers FAILURE or closes that one connection, and goes on serving.</summary>
public sealed class MalformedInputTests : AgentTest
{
    private OpenSshKey? _key;

    public override async Task InitializeAsync()
    {
        _key = await OpenSshKey.GenerateAsync(Work, "ed25519");
        Assert.Equal(0, (await Agent.SshAddAsync(_key.PrivatePath)).ExitCode);
    }

    [Fact]
    public async Task Random_bytes_do_not_disturb_the_agent()
    {
        var random = new Random(4711);
        for (var round = 0; round < 20; round++)
        {
            var garbage = new byte[random.Next(1, 2000)];
            random.NextBytes(garbage);
            using var socket = await ConnectRawAsync();
            await socket.SendAsync(garbage.AsMemory());
            socket.Shutdown(SocketShutdown.Send);
            await DrainAsync(socket);
        }

        await AssertStillServesAsync();
    }

    [Fact]
    public async Task A_well_framed_garbage_body_gets_FAILURE_and_the_connection_stays_usable()
    {
        using var socket = await ConnectRawAsync();

        byte[][] bodies = [[(byte)AgentMessageType.SignRequest, 0, 0, 0, 99], [(byte)AgentMessageType.AddIdentity, 1, 2], [99]];
        foreach (var body in bodies)
        {
            await SendFrameAsync(socket, body);
            Assert.Equal(new[] { (byte)AgentMessageType.Failure }, await ReceiveFrameAsync(socket));
        }

        await SendFrameAsync(socket, [(byte)AgentMessageType.RequestIdentities]);
        Assert.Equal((byte)AgentMessageType.IdentitiesAnswer, (await ReceiveFrameAsync(socket))[0]);
        Assert.DoesNotContain(Agent.Log.Entries, entry => entry.Level >= LogLevel.Error);
    }

    [Theory]
    [InlineData(0u)]
    [InlineData(AgentFraming.MaxMessageLength + 1u)]
    [InlineData(uint.MaxValue)]
    public async Task A_zero_or_oversized_length_closes_that_connection(uint length)
    {
        using var socket = await ConnectRawAsync();
        var header = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(header, length);

        await socket.SendAsync(header.AsMemory());

        Assert.Equal(0, await DrainAsync(socket));
        Assert.True(Agent.Log.Contains($"message length {length} is not within"), Agent.Log.ToString());
        await AssertStillServesAsync();
    }

    [Fact]
    public async Task A_message_of_exactly_the_maximum_length_is_read_and_answered()
    {
        using var socket = await ConnectRawAsync();
        var body = new byte[AgentFraming.MaxMessageLength];
        body[0] = 200;

        await SendFrameAsync(socket, body);

        Assert.Equal(new[] { (byte)AgentMessageType.Failure }, await ReceiveFrameAsync(socket));
    }

    [Fact]
    public async Task A_frame_cut_short_by_the_client_closing_ends_only_that_connection()
    {
        using var socket = await ConnectRawAsync();
        await socket.SendAsync(new byte[] { 0, 0, 0, 100, (byte)AgentMessageType.SignRequest, 1, 2 }.AsMemory());
        socket.Shutdown(SocketShutdown.Send);

        Assert.Equal(0, await DrainAsync(socket));
        await AssertStillServesAsync();
    }

    [Fact]
    public async Task A_client_that_sends_half_a_frame_and_hangs_holds_up_nobody_else()
    {
        using var hanging = await ConnectRawAsync();
        await hanging.SendAsync(new byte[] { 0, 0 }.AsMemory());
        using var hangingInBody = await ConnectRawAsync();
        await hangingInBody.SendAsync(new byte[] { 0, 0, 0, 50, (byte)AgentMessageType.SignRequest }.AsMemory());

        await AssertStillServesAsync();
        Assert.Equal(0, (await Agent.SshAddAsync("-T", _key!.PublicPath)).ExitCode);
        Assert.True(Agent.Server.ActiveConnections >= 2);
    }

    private async Task AssertStillServesAsync()
    {
        var listed = await Agent.SshAddAsync("-L");
        Assert.True(listed.ExitCode == 0, listed.ToString());
        Assert.Equal(_key!.PublicLine, listed.StandardOutput.Trim());
    }

    private async Task<Socket> ConnectRawAsync()
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(Agent.SocketPath));
        return socket;
    }

    private static async Task SendFrameAsync(Socket socket, byte[] body)
    {
        var frame = new byte[4 + body.Length];
        BinaryPrimitives.WriteUInt32BigEndian(frame, (uint)body.Length);
        body.CopyTo(frame, 4);
        await socket.SendAsync(frame.AsMemory());
    }

    private static async Task<byte[]> ReceiveFrameAsync(Socket socket)
    {
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var header = new byte[4];
        await stream.ReadExactlyAsync(header, bound.Token);
        var body = new byte[BinaryPrimitives.ReadUInt32BigEndian(header)];
        await stream.ReadExactlyAsync(body, bound.Token);
        return body;
    }

    /// <summary>
    /// Reads until the agent closes the connection; returns how many bytes it sent meanwhile. Closing with
    /// our bytes still unread makes the close a reset, which is a close all the same.
    /// </summary>
    private static async Task<int> DrainAsync(Socket socket)
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var buffer = new byte[4096];
        var total = 0;
        try
        {
            int read;
            while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None, bound.Token)) > 0)
            {
                total += read;
            }
        }
        catch (SocketException exception) when (exception.SocketErrorCode == SocketError.ConnectionReset)
        {
        }

        return total;
    }
}
