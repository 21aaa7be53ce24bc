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
        report.Line($"Key lookup on the simulated instance: {options.KeyLookupCostName} ({options.KeyLookupCost.PerKey.TotalMilliseconds:0} ms per key pushed in the last minute, on {options.KeyLookupCost.Cores} cores)");
        await using var world = await BenchWorld.StartAsync(options);
        if (options.Only is not null)
        {
            return await RunOnePieceAsync(options, world, report);
        }

        var rounds = await SetupRoundsAsync(options, world);

        Progress($"scp of {options.TransferMiB} MiB three ways");
        var throughput = await Throughput.MeasureAsync(world);
        Progress($"scp of {options.SsmChecksumMiB} MiB through Session Manager, checksummed");
        var ssmChecksum = await SsmChecksum.MeasureAsync(world);
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
        report.SsmChecksum(ssmChecksum);
        report.Startup(firstByte, help, agentStart);
        report.Agent(burst, signatures);
        report.Targets(rounds, throughput, firstByte, burst);
        Console.Write(report.ToString());
        return 0;
    }

    /// <summary>`--only PIECE`: that table alone, for a quick figure without the whole run.</summary>
    private static async Task<int> RunOnePieceAsync(BenchmarkOptions options, BenchWorld world, Report report)
    {
        bool succeeded;
        report.Line();
        switch (options.Only)
        {
            case BenchmarkOptions.Pieces.Setup:
                var rounds = await SetupRoundsAsync(options, world);
                report.Setup(rounds);
                report.Line("### The issue's targets");
                report.Line();
                report.SetupTargets(rounds);
                succeeded = true;
                break;
            case BenchmarkOptions.Pieces.Throughput:
                Progress($"scp of {options.TransferMiB} MiB, every path");
                var throughput = await Throughput.MeasureAsync(world);
                report.Throughput(throughput, options.TransferMiB);
                succeeded = throughput.All(result => result.Succeeded);
                break;
            case BenchmarkOptions.Pieces.Burst:
                Progress($"burst of {options.Burst}");
                var burst = await Burst.MeasureAsync(world);
                report.Burst(burst);
                succeeded = burst.Eic.Setup.Count == burst.Size;
                break;
            default:
                Progress($"scp of {options.SsmChecksumMiB} MiB through Session Manager, checksummed");
                var checksum = await SsmChecksum.MeasureAsync(world);
                report.SsmChecksum(checksum);
                succeeded = checksum.Matches;
                break;
        }

        Console.Write(report.ToString());
        return succeeded ? 0 : 1;
    }

    private static async Task<List<SetupRound>> SetupRoundsAsync(BenchmarkOptions options, BenchWorld world)
    {
        var rounds = new List<SetupRound>();
        foreach (var latency in options.LatenciesMs)
        {
            Progress($"connection setup at {latency} ms AWS latency ({options.RunsAt(latency)} runs per variant)");
            rounds.Add(await SetupLatency.MeasureAsync(world, latency));
        }

        return rounds;
    }

    private static void Progress(string step) => Console.Error.WriteLine($"bench: {DateTime.UtcNow:HH:mm:ss} {step}");
}
