namespace EicAgent.Benchmarks;

internal sealed record BurstResult(int Size, Samples Setup, Samples StaticKeySetup, double AgentRssMiB, double AgentPeakMiB);

/// <summary>
/// N concurrent `ssh web-1.eic true` against one warm agent; then the same burst with the static key, so that what
/// the machine itself does under N handshakes at once is not put on eic's account.
/// </summary>
internal static class Burst
{
    public static async Task<BurstResult> MeasureAsync(BenchWorld world)
    {
        await world.Agent.StartAsync();
        try
        {
            await world.TimeAsync("ssh", "-F", world.EicConfig, world.EicHost, "true");
            var setup = await ConcurrentlyAsync(world, world.EicConfig, world.EicHost, "burst ssh through eic");
            var (rss, peak) = await world.Agent.MemoryAsync();
            await world.PushStaticKeyAsync();
            var staticKeySetup = await ConcurrentlyAsync(world, world.StaticConfig, "direct", "burst ssh with the static key");
            return new BurstResult(world.Options.Burst, setup, staticKeySetup, rss, peak);
        }
        finally
        {
            await world.Agent.StopAsync();
        }
    }

    private static async Task<Samples> ConcurrentlyAsync(BenchWorld world, string config, string host, string what)
    {
        var runs = await Task.WhenAll(Enumerable.Range(0, world.Options.Burst).Select(_ => world.TimeAsync("ssh", "-F", config, host, "true")));
        var samples = new Samples();
        foreach (var run in runs)
        {
            samples.Record(run, what);
        }

        return samples;
    }
}
