namespace EicAgent.Benchmarks;

internal sealed record ThroughputResult(string Path, double MiBPerSecond, bool Succeeded);

/// <summary>scp of one file to web-1 through `eic proxy`, through `ProxyCommand nc %h %p`, and directly.</summary>
internal static class Throughput
{
    public static async Task<IReadOnlyList<ThroughputResult>> MeasureAsync(BenchWorld world)
    {
        var file = Path.Combine(world.Directory, "payload");
        await using (var payload = File.Create(file))
        {
            // Zeros are as good as any bytes here: ssh does not compress by default, so every byte is encrypted and carried.
            payload.SetLength(world.Options.TransferMiB * 1024L * 1024L);
        }

        await world.Agent.StartAsync();
        var results = new List<ThroughputResult>();
        try
        {
            foreach (var (name, config, host) in new[]
            {
                ("eic proxy", world.EicConfig, world.EicHost),
                ("ProxyCommand nc %h %p", world.StaticConfig, "nc"),
                ("direct", world.StaticConfig, "direct"),
            })
            {
                if (config == world.StaticConfig)
                {
                    await world.PushStaticKeyAsync();
                }

                var run = await world.TimeAsync("scp", "-q", "-F", config, file, $"{host}:/dev/null");
                var samples = new Samples();
                samples.Record(run, $"scp through {name}");
                results.Add(new ThroughputResult(name, world.Options.TransferMiB / run.Elapsed.TotalSeconds, run.Succeeded));
            }
        }
        finally
        {
            File.Delete(file);
            await world.Agent.StopAsync();
        }

        return results;
    }
}
