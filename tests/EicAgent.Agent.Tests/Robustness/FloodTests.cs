using System.Buffers.Binary;
using System.Net.Sockets;
using EicAgent.Agent.Core;
using EicAgent.Agent.Protocol;
using EicAgent.Agent.Tests.Support;

namespace EicAgent.Agent.Tests.Robustness;

/// <summary>
/// Hundreds of connections that announce a 256 KiB frame and stall: the agent holds only as many as one process
/// may, closes the rest at once, keeps answering ssh-add, and closes the stalled ones once their frame is overdue.
/// `EicAgent.Benchmarks agent-flood` measures the same with 4,000 connections against the real `eic agent`.
/// </summary>
public sealed class FloodTests : AgentTest
{
    private const int Flood = 400;
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);
    private readonly AgentServerOptions _defaults = new();

    [Fact]
    public async Task Stalled_frames_are_bounded_ssh_add_still_answers_and_the_stalled_ones_are_closed_when_overdue()
    {
        var key = await OpenSshKey.GenerateAsync(Work, "ed25519");
        Assert.Equal(0, (await Agent.SshAddAsync(key.PrivatePath)).ExitCode);
        var sockets = new List<Socket>();
        try
        {
            for (var i = 0; i < Flood; i++)
            {
                sockets.Add(await ConnectAnnouncingAsync(AgentFraming.MaxMessageLength));
            }

            var closes = sockets.Select(WaitForCloseAsync).ToList();
            var held = Flood - _defaults.MaxConnectionsPerProcess;
            await WhenCountCompletedAsync(closes, held);

            var listed = await Agent.SshAddAsync("-L");
            Assert.True(listed.ExitCode == 0, listed.ToString());
            Assert.Equal(key.PublicLine, listed.StandardOutput.Trim());
            Assert.Equal(held, closes.Count(close => close.IsCompleted));
            Assert.True(Agent.Log.Contains("the most one process may hold"), Agent.Log.ToString());

            await AdvanceUntilAsync(Task.WhenAll(closes));
            Assert.True(Agent.Log.Contains("did not arrive completely within 10 s of its first byte"), Agent.Log.ToString());
            Assert.Equal(0, (await Agent.SshAddAsync("-l")).ExitCode);
        }
        finally
        {
            sockets.ForEach(socket => socket.Dispose());
        }
    }

    [Fact]
    public async Task A_connection_idle_between_frames_is_not_closed()
    {
        await using var client = await Agent.ConnectAsync();
        Assert.Empty(await client.ListIdentitiesAsync(CancellationToken.None));
        using var stalled = await ConnectAnnouncingAsync(100);

        await AdvanceUntilAsync(WaitForCloseAsync(stalled));

        Assert.Empty(await client.ListIdentitiesAsync(CancellationToken.None));
    }

    private async Task<Socket> ConnectAnnouncingAsync(int length)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(Agent.SocketPath));
        var header = new byte[5];
        BinaryPrimitives.WriteUInt32BigEndian(header, (uint)length);
        header[4] = (byte)AgentMessageType.AddIdentity;
        try
        {
            await socket.SendAsync(header.AsMemory());
        }
        catch (SocketException)
        {
            // Already closed by the agent: the read below sees it.
        }

        return socket;
    }

    /// <summary>
    /// The fake clock fires only timers that exist when it moves, and a connection starts its frame timer once it
    /// has read the first byte: move it a frame timeout at a time until <paramref name="done"/>, within a bound.
    /// </summary>
    private async Task AdvanceUntilAsync(Task done)
    {
        using var bound = new CancellationTokenSource(Bound);
        while (!done.IsCompleted)
        {
            Agent.Clock.Advance(_defaults.FrameTimeout);
            await Task.WhenAny(done, Task.Delay(TimeSpan.FromMilliseconds(200), bound.Token));
        }

        await done;
    }

    private static async Task WhenCountCompletedAsync(IReadOnlyList<Task> tasks, int count)
    {
        var completed = 0;
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        foreach (var task in tasks)
        {
            _ = task.ContinueWith(
                _ =>
                {
                    if (Interlocked.Increment(ref completed) == count)
                    {
                        reached.TrySetResult();
                    }
                },
                TaskScheduler.Default);
        }

        await reached.Task.WaitAsync(Bound);
    }

    /// <summary>Completes when the agent closes the connection (a reset counts: our bytes were unread).</summary>
    private static async Task WaitForCloseAsync(Socket socket)
    {
        var buffer = new byte[16];
        try
        {
            while (await socket.ReceiveAsync(buffer, SocketFlags.None) > 0)
            {
            }
        }
        catch (SocketException)
        {
        }
    }
}
