using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using EicAgent.Testing;

namespace EicAgent.Benchmarks;

/// <summary>
/// `EicAgent.Benchmarks agent-flood --eic PATH [--connections N]`: N connections (default 4,000) each announce a
/// 256 KiB request and send nothing more. Prints the agent's RSS before, during and after, how many connections
/// it closed at once and how many once their frame was overdue, and `ssh-add -l` latency before and during.
/// Measures the real `eic agent`; asserts nothing (tests/EicAgent.Agent.Tests FloodTests assert the behaviour).
/// </summary>
internal static class AgentFlood
{
    public const string ModeName = "agent-flood";
    private const int AnnouncedLength = 256 * 1024;
    private const int LatencyRuns = 5;
    private static readonly TimeSpan FrameTimeout = TimeSpan.FromSeconds(10);

    public static async Task<int> RunAsync(string[] args)
    {
        if (args is not ["--eic", var eic, ..] || !File.Exists(eic))
        {
            await Console.Error.WriteLineAsync($"usage: EicAgent.Benchmarks {ModeName} --eic PATH [--connections N]");
            return 2;
        }

        var count = args is [_, _, "--connections", var n] ? int.Parse(n, CultureInfo.InvariantCulture) : 4000;
        using var directory = new TemporaryDirectory("eic-flood-");
        var environment = new Dictionary<string, string?>
        {
            ["HOME"] = directory.Path,
            ["XDG_STATE_HOME"] = directory.Combine("state"),
            ["SSH_AUTH_SOCK"] = directory.Combine("run", "agent.sock"),
        };
        var agent = new EicAgentProcess(Path.GetFullPath(eic), directory.Combine("run", "agent.sock"), environment);
        await agent.StartAsync();
        var sockets = new List<Socket>();
        try
        {
            var (idleRss, _) = await agent.MemoryAsync();
            var idleLatency = await SshAddLatencyAsync(environment);

            var flood = Stopwatch.StartNew();
            for (var i = 0; i < count; i++)
            {
                sockets.Add(await ConnectAnnouncingAsync(agent.SocketPath));
            }

            var opened = flood.Elapsed;
            var closes = sockets.Select(WaitForCloseAsync).ToList();
            await Task.Delay(TimeSpan.FromSeconds(1));
            var closedAtOnce = closes.Count(close => close.IsCompleted);
            var (duringRss, _) = await agent.MemoryAsync();
            var duringLatency = await SshAddLatencyAsync(environment);

            await Task.WhenAny(Task.WhenAll(closes), Task.Delay(FrameTimeout + TimeSpan.FromSeconds(5)));
            var closedInAll = closes.Count(close => close.IsCompleted);
            var (afterRss, peak) = await agent.MemoryAsync();

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
                ## Agent flood: {count} connections announcing {AnnouncedLength / 1024} KiB and stalling

                | | value |
                |---|---|
                | connections opened | {count} in {opened.TotalSeconds:0.0} s |
                | closed by the agent at once (over the connection limits) | {closedAtOnce} |
                | closed in all {FrameTimeout.TotalSeconds + 5:0} s later (frame timeout {FrameTimeout.TotalSeconds:0} s) | {closedInAll} |
                | agent RSS idle / during / after | {idleRss:0.0} / {duringRss:0.0} / {afterRss:0.0} MiB (peak {peak:0.0} MiB) |
                | `ssh-add -l` idle, median of {LatencyRuns} | {idleLatency.Median:0.0} ms (max {idleLatency.Percentile(1):0.0} ms) |
                | `ssh-add -l` during the flood, median of {LatencyRuns} | {duringLatency.Median:0.0} ms (max {duringLatency.Percentile(1):0.0} ms, failures {duringLatency.Failures}) |
                """));
            return 0;
        }
        finally
        {
            sockets.ForEach(socket => socket.Dispose());
            await agent.StopAsync();
        }
    }

    private static async Task<Samples> SshAddLatencyAsync(IReadOnlyDictionary<string, string?> environment)
    {
        var samples = new Samples();
        for (var i = 0; i < LatencyRuns; i++)
        {
            var clock = Stopwatch.StartNew();
            var listed = await ProcessRunner.RunAsync("ssh-add", ["-l"], environment, timeout: TimeSpan.FromSeconds(30));

            // 1: the agent answered that it holds no keys; 2 and up: it did not answer.
            if (listed.ExitCode is 0 or 1)
            {
                samples.Add(clock.Elapsed);
            }
            else
            {
                samples.AddFailure();
            }
        }

        return samples;
    }

    private static async Task<Socket> ConnectAnnouncingAsync(string path)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await socket.ConnectAsync(new UnixDomainSocketEndPoint(path));
                break;
            }
            catch (SocketException exception) when (exception.SocketErrorCode == SocketError.WouldBlock && attempt < 10_000)
            {
                // The listen backlog is full: the agent has not accepted the earlier ones yet. Try again, as a flood would.
                await Task.Delay(TimeSpan.FromMilliseconds(1));
            }
        }

        var header = new byte[5];
        BinaryPrimitives.WriteUInt32BigEndian(header, AnnouncedLength);
        header[4] = 17; // ADD_IDENTITY: the kind of request that carries a private key.
        try
        {
            await socket.SendAsync(header.AsMemory());
        }
        catch (SocketException)
        {
            // Closed by the agent already.
        }

        return socket;
    }

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
