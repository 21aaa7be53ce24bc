using System.Diagnostics;

namespace EicAgent.Benchmarks;

/// <summary>`eic agent` from process start to its "listening" line: the part of a cold connection that is the agent's own start.</summary>
internal static class AgentStart
{
    public static async Task<Samples> MeasureAsync(BenchWorld world)
    {
        var samples = new Samples();
        for (var i = 0; i < world.Options.Runs; i++)
        {
            var clock = Stopwatch.StartNew();
            await world.Agent.StartAsync();
            samples.Add(clock.Elapsed);
            await world.Agent.StopAsync();
        }

        return samples;
    }
}
