using System.Globalization;

namespace EicAgent.Benchmarks;

/// <summary>What the figures were measured on, from /proc.</summary>
internal static class Machine
{
    /// <summary>The 1-minute load average: other work on the machine moves every figure, so the report shows it.</summary>
    public static string LoadAverage() => File.ReadAllText("/proc/loadavg").Split(' ')[0];

    /// <summary>CPU time the whole machine has spent busy since boot (user, nice, system, irq, softirq), in seconds.</summary>
    public static double BusyCpuSeconds()
    {
        var ticks = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..8]
            .Select(field => long.Parse(field, CultureInfo.InvariantCulture)).ToArray();
        const double TicksPerSecond = 100; // USER_HZ, 100 on every Linux build
        return (ticks[0] + ticks[1] + ticks[2] + ticks[5] + ticks[6]) / TicksPerSecond;
    }

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
