using System.Globalization;

namespace EicAgent.Benchmarks;

/// <summary>What the figures were measured on, from /proc.</summary>
internal static class Machine
{
    /// <summary>The 1-minute load average: other work on the machine moves every figure, so the report shows it.</summary>
    public static string LoadAverage() => File.ReadAllText("/proc/loadavg").Split(' ')[0];

    public static async Task<string> DescribeAsync()
    {
        var model = File.ReadLines("/proc/cpuinfo").FirstOrDefault(line => line.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            ?? "unknown CPU";
        var memory = File.ReadLines("/proc/meminfo").First(line => line.StartsWith("MemTotal:", StringComparison.Ordinal));
        var kib = long.Parse(memory["MemTotal:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        var ssh = (await Testing.ProcessRunner.RunAsync("ssh", "-V")).StandardError.Trim().Split(',')[0];
        return string.Create(CultureInfo.InvariantCulture,
            $"{Environment.ProcessorCount} cores, {model}, {kib / 1024.0 / 1024.0:0.0} GiB RAM, {ssh}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
    }
}
