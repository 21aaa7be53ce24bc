namespace EicAgent.Benchmarks;

/// <summary>
/// `ssh HOST true` at one injected AWS latency, for the floor (a), the mssh sequence (b), eic cold (c) and warm (d).
/// The floor logs in to the same instance sshd as the user eic logs in as, with a static key pushed (untimed) just
/// before: same server, same user, same shell start-up, so the difference is what the client side adds.
/// </summary>
internal sealed record SetupRound(int LatencyMs, int Runs, Samples Floor, Samples Mssh, Samples Cold, Samples Warm);

internal static class SetupLatency
{
    public static async Task<SetupRound> MeasureAsync(BenchWorld world, int latencyMs)
    {
        world.Sim.Faults.SetLatency(TimeSpan.FromMilliseconds(latencyMs));
        var runs = world.Options.RunsAt(latencyMs);
        var round = new SetupRound(latencyMs, runs, new Samples(), new Samples(), new Samples(), new Samples());
        var instanceId = world.Sim.Instance(BenchWorld.Target).InstanceId;
        var self = Path.Combine(AppContext.BaseDirectory, "EicAgent.Benchmarks");

        // Warm means what a second connection meets: agent running, instance resolved. One unmeasured connection makes it so.
        await world.Agent.StartAsync();
        await world.TimeAsync("ssh", "-F", world.EicConfig, world.EicHost, "true");
        for (var i = 0; i < runs; i++)
        {
            await world.PushStaticKeyAsync();
            round.Floor.Record(await world.TimeAsync("ssh", "-F", world.StaticConfig, "direct", "true"), "(a) static key");
            round.Mssh.Record(await world.TimeAsync(self, MsshBaseline.ModeName, instanceId, BenchWorld.OsUser, world.BaselineConfig), "(b) mssh sequence");
            round.Warm.Record(await world.TimeAsync("ssh", "-F", world.EicConfig, world.EicHost, "true"), "(d) eic warm");
        }

        for (var i = 0; i < runs; i++)
        {
            await world.Agent.StopAsync();
            round.Cold.Record(await world.TimeAsync("ssh", "-F", world.EicConfig, world.EicHost, "true"), "(c) eic cold");
        }

        await world.Agent.StopAsync();
        world.Sim.Faults.SetLatency(TimeSpan.Zero);
        return round;
    }
}
