namespace EicAgent.Benchmarks;

/// <summary>
/// `ssh HOST true` at one injected AWS latency, for the floor (a), the floor that signs at once (a1), the mssh
/// sequence (b), eic cold (c) by Name tag and by instance id, and eic warm (d), with what the agent logged of each warm
/// connection's push and each column's key lookups per login.
/// The floors log in to the same instance sshd as the user eic logs in as, with a static key pushed (untimed) just
/// before: same server, same user, same shell start-up, so the difference is what the client side adds.
/// </summary>
internal sealed record SetupRound(
    int LatencyMs, int Runs, Samples Floor, Samples SigningFloor, Samples Mssh, Samples Cold, Samples ColdById, Samples Warm,
    IReadOnlyList<OfferTimings> WarmOffers, KeyLookups Lookups);

internal static class SetupLatency
{
    public static async Task<SetupRound> MeasureAsync(BenchWorld world, int latencyMs)
    {
        world.Sim.Faults.SetLatency(TimeSpan.FromMilliseconds(latencyMs));
        var runs = world.Options.RunsAt(latencyMs);
        var floor = new Samples();
        var signingFloor = new Samples();
        var lookups = new KeyLookups(world.KeyLookups);
        var mssh = new Samples();
        var warm = new Samples();
        var instanceId = world.Sim.Instance(BenchWorld.Target).InstanceId;
        var self = Path.Combine(AppContext.BaseDirectory, "EicAgent.Benchmarks");

        // Warm means what a second connection meets: agent running, instance resolved. One unmeasured connection makes it so.
        await world.Agent.StartAsync();
        await world.TimeAsync("ssh", "-F", world.EicConfig, world.EicHost, "true");
        await world.Agent.TakeOffersAsync(1);
        for (var i = 0; i < runs; i++)
        {
            await world.PushStaticKeyAsync();
            floor.Record(await lookups.CountAsync("a", () => world.TimeAsync("ssh", "-F", world.StaticConfig, "direct", "true")), "(a) static key");
            await world.PushSigningKeyAsync();
            signingFloor.Record(await lookups.CountAsync("a1", () => world.TimeAsync("ssh", "-F", world.SigningConfig, "direct", "true")), "(a1) static key, signed at once");
            mssh.Record(await lookups.CountAsync("b", () => world.TimeAsync(self, MsshBaseline.ModeName, instanceId, BenchWorld.OsUser, world.BaselineConfig)), "(b) mssh sequence");
            warm.Record(await lookups.CountAsync("d", () => world.TimeAsync("ssh", "-F", world.EicConfig, world.EicHost, "true")), "(d) eic warm");
        }

        var warmOffers = await world.Agent.TakeOffersAsync(runs);
        var cold = await ColdAsync(world, world.EicHost, runs, "(c) eic cold", lookups);
        var coldById = await ColdAsync(world, world.EicIdHost, runs, "(c) eic cold, by instance id", lookups);
        world.Sim.Faults.SetLatency(TimeSpan.Zero);
        return new SetupRound(latencyMs, runs, floor, signingFloor, mssh, cold, coldById, warm, warmOffers, lookups);
    }

    /// <summary>Each run meets no agent: the proxy starts one, which has resolved nothing yet.</summary>
    private static async Task<Samples> ColdAsync(BenchWorld world, string host, int runs, string what, KeyLookups lookups)
    {
        var cold = new Samples();
        for (var i = 0; i < runs; i++)
        {
            await world.Agent.StopAsync();
            cold.Record(await lookups.CountAsync(what, () => world.TimeAsync("ssh", "-F", world.EicConfig, host, "true")), what);
        }

        await world.Agent.StopAsync();
        return cold;
    }
}
