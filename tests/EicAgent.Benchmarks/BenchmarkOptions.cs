using System.Globalization;

namespace EicAgent.Benchmarks;

/// <summary>What to measure and how often; the defaults are what the issue asks (1 GiB, 100 at once) and keep a full run near 5 minutes.</summary>
internal sealed record BenchmarkOptions
{
    public const string Usage =
        "usage: EicAgent.Benchmarks --eic PATH [--runs N] [--high-latency-runs N] [--latencies 0,50,150] [--transfer-mib N] [--burst N] [--ssm-checksum-mib N] [--key-lookup-cost default|free|aws] [--only setup|throughput|ssm-checksum|burst]";

    /// <summary>The `eic` binary under test (published with Native AOT by ./bench).</summary>
    public required string EicPath { get; init; }

    /// <summary>Connections per variant and latency for the setup table.</summary>
    public int Runs { get; init; } = 15;

    /// <summary>Runs at latencies of 100 ms and more, where each run is slow and the spread small.</summary>
    public int HighLatencyRuns { get; init; } = 10;

    public IReadOnlyList<int> LatenciesMs { get; init; } = [0, 50, 150];

    public int TransferMiB { get; init; } = 1024;

    public int Burst { get; init; } = 100;

    /// <summary>The file scp carries up and back through Session Manager with its SHA-256 checked on both sides.</summary>
    public int SsmChecksumMiB { get; init; } = 1024;

    /// <summary>
    /// What the simulated instance's key lookup costs (see <see cref="Simulator.Keys.KeyLookupCost"/>): `default` (50 ms
    /// per key pushed in the last minute), `free` (nothing: the setup table then shows only what the client side adds),
    /// `aws` (300 ms per key, as the unmodified instance scripts on a 2-core instance).
    /// </summary>
    public string KeyLookupCostName { get; init; } = "default";

    public Simulator.Keys.KeyLookupCost KeyLookupCost => KeyLookupCostName switch
    {
        "free" => Simulator.Keys.KeyLookupCost.Free,
        "aws" => Simulator.Keys.KeyLookupCost.AsOnAws,
        _ => Simulator.Keys.KeyLookupCost.Default,
    };

    /// <summary>One piece alone (`--only setup`, `throughput`, `ssm-checksum` or `burst`), for a quick figure; null: the whole run.</summary>
    public string? Only { get; init; }

    /// <summary>The options as given, without --eic (./bench supplies it): for the report's "command to reproduce".</summary>
    public IReadOnlyList<string> CommandLine { get; init; } = [];

    public int RunsAt(int latencyMs) => latencyMs >= 100 ? HighLatencyRuns : Runs;

    public static BenchmarkOptions Parse(string[] args)
    {
        string? eic = null;
        var options = new BenchmarkOptions { EicPath = "" };
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new FormatException($"{args[i]} needs a value");
            i++;
            options = args[i - 1] switch
            {
                "--eic" => options with { EicPath = eic = Path.GetFullPath(value) },
                "--runs" => options with { Runs = Positive(value, "--runs") },
                "--high-latency-runs" => options with { HighLatencyRuns = Positive(value, "--high-latency-runs") },
                "--latencies" => options with { LatenciesMs = value.Split(',').Select(v => NonNegative(v, "--latencies")).ToArray() },
                "--transfer-mib" => options with { TransferMiB = Positive(value, "--transfer-mib") },
                "--burst" => options with { Burst = Positive(value, "--burst") },
                "--ssm-checksum-mib" => options with { SsmChecksumMiB = Positive(value, "--ssm-checksum-mib") },
                "--key-lookup-cost" => options with
                {
                    KeyLookupCostName = value is "default" or "free" or "aws" ? value : throw new FormatException($"--key-lookup-cost takes default, free or aws, not '{value}'"),
                },
                "--only" => options with { Only = Pieces.All.Contains(value) ? value : throw new FormatException($"--only takes {string.Join(", ", Pieces.All)}, not '{value}'") },
                var other => throw new FormatException($"unknown option {other}"),
            };
        }

        if (eic is null || !File.Exists(eic))
        {
            throw new FormatException("--eic must name the eic binary to measure");
        }

        return options with { CommandLine = [.. args.Chunk(2).Where(pair => pair[0] != "--eic").SelectMany(pair => pair)] };
    }

    /// <summary>The pieces `--only` can run alone.</summary>
    public static class Pieces
    {
        public const string Setup = "setup";
        public const string Throughput = "throughput";
        public const string SsmChecksum = "ssm-checksum";
        public const string Burst = "burst";

        public static readonly string[] All = [Setup, Throughput, SsmChecksum, Burst];
    }

    private static int Positive(string value, string name) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw new FormatException($"{name} takes a positive number, not '{value}'");

    private static int NonNegative(string value, string name) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : throw new FormatException($"{name} takes numbers of milliseconds, not '{value}'");
}
