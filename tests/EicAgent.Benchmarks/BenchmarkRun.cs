namespace EicAgent.Benchmarks;

/// <summary>One full run: every measurement against one world, then the report on stdout. Progress goes to stderr.</summary>
internal static class BenchmarkRun
{
    public static async Task<int> RunAsync(BenchmarkOptions options)
    {
        var report = new Report();
        report.Line($"Machine: {await Machine.DescribeAsync()}");
        report.Line($"Command: `./bench {string.Join(' ', options.CommandLine)}`".Replace("`./bench `", "`./bench`", StringComparison.Ordinal));
        report.Line($"Load average (1 min) at the start: {Machine.LoadAverage()}");
        await using var world = await BenchWorld.StartAsync(options);

        var rounds = new List<SetupRound>();
        foreach (var latency in options.LatenciesMs)
        {
            Progress($"connection setup at {latency} ms AWS latency ({options.RunsAt(latency)} runs per variant)");
            rounds.Add(await SetupLatency.MeasureAsync(world, latency));
        }

        Progress($"scp of {options.TransferMiB} MiB three ways");
        var throughput = await Throughput.MeasureAsync(world);
        Progress("eic proxy first byte and eic --help");
        var (firstByte, help) = await ProxyFirstByte.MeasureAsync(world);
        Progress("eic agent start");
        var agentStart = await AgentStart.MeasureAsync(world);
        Progress($"burst of {options.Burst}");
        var burst = await Burst.MeasureAsync(world);
        Progress("agent signatures per second");
        var signatures = await Signatures.MeasureAsync(world);

        report.Line($"Load average (1 min) at the end: {Machine.LoadAverage()}");
        report.Line();
        report.Setup(rounds);
        report.Throughput(throughput, options.TransferMiB);
        report.Startup(firstByte, help, agentStart);
        report.Agent(burst, signatures);
        report.Targets(rounds, throughput, firstByte, burst);
        Console.Write(report.ToString());
        return 0;
    }

    private static void Progress(string step) => Console.Error.WriteLine($"bench: {DateTime.UtcNow:HH:mm:ss} {step}");
}
