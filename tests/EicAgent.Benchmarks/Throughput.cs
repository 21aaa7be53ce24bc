namespace EicAgent.Benchmarks;

internal sealed record ThroughputResult(string Path, IReadOnlyList<double> MiBPerSecond, int Failures)
{
    public bool Succeeded => MiBPerSecond.Count > 0;

    public double Median => MiBPerSecond.Order().ElementAt(MiBPerSecond.Count / 2);
}

/// <summary>
/// scp of one file to web-1 through `eic proxy`, through `ProxyCommand nc %h %p`, and directly, and to the private
/// db-1 through `eic proxy` and the VPC's EC2 Instance Connect Endpoint (a TLS websocket) and through Session Manager's
/// data channel (`--via ssm`): in interleaved rounds, so
/// that a burst of load from elsewhere on the machine falls on every path alike.
/// </summary>
internal static class Throughput
{
    public const int Rounds = 3;

    /// <summary>The simulator's instance without a public address: `--via auto` takes the endpoint tunnel.</summary>
    private const string PrivateHost = "db-1.eic";

    public static async Task<IReadOnlyList<ThroughputResult>> MeasureAsync(BenchWorld world)
    {
        var file = Path.Combine(world.Directory, "payload");
        await using (var payload = File.Create(file))
        {
            // Zeros are as good as any bytes here: ssh does not compress by default, so every byte is encrypted and carried.
            payload.SetLength(world.Options.TransferMiB * 1024L * 1024L);
        }

        await ReadOnceAsync(file);

        var viaSsm = $"ProxyCommand={world.Options.EicPath} proxy --socket {world.Agent.SocketPath} --via ssm %h %p %r";
        var paths = new[]
        {
            (Name: "eic proxy", Config: world.EicConfig, Host: world.EicHost, Options: Array.Empty<string>()),
            (Name: "ProxyCommand nc %h %p", Config: world.StaticConfig, Host: "nc", Options: []),
            (Name: "direct", Config: world.StaticConfig, Host: "direct", Options: []),
            (Name: "eic proxy through the endpoint tunnel (db-1)", Config: world.EicConfig, Host: PrivateHost, Options: []),
            (Name: "eic proxy through Session Manager (db-1, --via ssm)", Config: world.EicConfig, Host: PrivateHost, Options: ["-o", viaSsm]),
        };
        var rates = paths.ToDictionary(path => path.Name, _ => new List<double>());
        var failures = paths.ToDictionary(path => path.Name, _ => 0);
        await world.Agent.StartAsync();
        try
        {
            for (var round = 0; round < Rounds; round++)
            {
                foreach (var (name, config, host, options) in paths)
                {
                    if (config == world.StaticConfig)
                    {
                        await world.PushStaticKeyAsync();
                    }

                    var run = await world.TimeAsync("scp", ["-q", "-F", config, .. options, file, $"{host}:/dev/null"]);
                    if (run.Succeeded)
                    {
                        rates[name].Add(world.Options.TransferMiB / run.Elapsed.TotalSeconds);
                    }
                    else
                    {
                        failures[name]++;
                        await Console.Error.WriteLineAsync($"scp through {name} failed: {run.Result.StandardError.Trim()}");
                    }
                }
            }
        }
        finally
        {
            File.Delete(file);
            await world.Agent.StopAsync();
        }

        return paths.Select(path => new ThroughputResult(path.Name, rates[path.Name], failures[path.Name])).ToArray();
    }

    /// <summary>
    /// The first read of the sparse payload fills the page cache with zeroed pages, which takes seconds: done once,
    /// untimed, it no longer falls on whichever path goes first.
    /// </summary>
    private static async Task ReadOnceAsync(string file)
    {
        await using var payload = File.OpenRead(file);
        var buffer = new byte[1024 * 1024];
        while (await payload.ReadAsync(buffer) > 0)
        {
        }
    }
}
