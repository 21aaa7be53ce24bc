namespace EicAgent.Benchmarks;

internal sealed record BurstResult(
    int Size, BurstRun Eic, IReadOnlyList<OfferTimings> Offers, BurstRun StaticKey, BurstRun StaticKeyThroughNc, double AgentRssMiB, double AgentPeakMiB)
{
    /// <summary>SendSSHPublicKey calls eic made during its burst, and how many keys were live on the instance at its end.</summary>
    public (int Pushes, int LiveKeys, int LookupsPastLimit) Keys { get; init; }
}

/// <summary>One burst's setup times, and the CPU time the whole machine spent on it (clients, sshd, simulator, agent).</summary>
internal sealed record BurstRun(Samples Setup, double CpuSeconds);

/// <summary>
/// N concurrent `ssh web-1.eic true` against one warm agent; then the same burst with the static key, directly and
/// through `ProxyCommand nc`, so that what the machine itself does under N handshakes at once, and what any
/// ProxyCommand's extra process and relay hop cost there, are not put on eic's account.
/// </summary>
internal static class Burst
{
    public static async Task<BurstResult> MeasureAsync(BenchWorld world)
    {
        await world.Agent.StartAsync();
        try
        {
            await world.TimeAsync("ssh", "-F", world.EicConfig, world.EicHost, "true");
            await world.Agent.TakeOffersAsync(1);
            var pushesBefore = Pushes(world);
            var lookupsPastLimitBefore = world.Sim.KeyLookups.TimedOut;
            var eic = await ConcurrentlyAsync(world, world.EicConfig, world.EicHost, "burst ssh through eic");
            var keys = (Pushes(world) - pushesBefore, world.Sim.LiveKeys(world.Sim.Instance(BenchWorld.Target).InstanceId, BenchWorld.OsUser),
                world.Sim.KeyLookups.TimedOut - lookupsPastLimitBefore);
            var offers = await world.Agent.TakeOffersAsync(eic.Setup.Count);
            var (rss, peak) = await world.Agent.MemoryAsync();
            await world.PushStaticKeyAsync();
            var staticKey = await ConcurrentlyAsync(world, world.StaticConfig, "direct", "burst ssh with the static key");
            var throughNc = await ConcurrentlyAsync(world, world.StaticConfig, "nc", "burst ssh with the static key through nc");
            return new BurstResult(world.Options.Burst, eic, offers, staticKey, throughNc, rss, peak) { Keys = keys };
        }
        finally
        {
            await world.Agent.StopAsync();
        }
    }

    private static int Pushes(BenchWorld world) => world.Sim.Requests.Count(r => r.Operation == "SendSSHPublicKey" && r.StatusCode == 200);

    private static async Task<BurstRun> ConcurrentlyAsync(BenchWorld world, string config, string host, string what)
    {
        var cpuBefore = Machine.BusyCpuSeconds();
        var runs = await Task.WhenAll(Enumerable.Range(0, world.Options.Burst).Select(_ => world.TimeAsync("ssh", "-F", config, host, "true")));
        var cpu = Machine.BusyCpuSeconds() - cpuBefore;
        var samples = new Samples();
        foreach (var run in runs)
        {
            samples.Record(run, what);
        }

        return new BurstRun(samples, cpu);
    }
}
