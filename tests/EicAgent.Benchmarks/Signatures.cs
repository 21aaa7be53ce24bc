using System.Diagnostics;
using EicAgent.Agent.Client;
using EicAgent.Agent.Protocol.Messages;
using EicAgent.Testing;

namespace EicAgent.Benchmarks;

internal sealed record SignatureResult(double PerSecond, int Count, double IdleRssMiB);

/// <summary>Signatures per second by a fresh agent over one connection, with a user key added by ssh-add; and its idle memory.</summary>
internal static class Signatures
{
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(3);

    public static async Task<SignatureResult> MeasureAsync(BenchWorld world)
    {
        await world.Agent.StartAsync();
        try
        {
            var (idleRss, _) = await world.Agent.MemoryAsync();
            var key = Path.Combine(world.Directory, "user_key");
            await BenchWorld.Checked(ProcessRunner.RunAsync("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "eic-bench-user", "-f", key));
            await BenchWorld.Checked(ProcessRunner.RunAsync("ssh-add", [key], new Dictionary<string, string?> { ["SSH_AUTH_SOCK"] = world.Agent.SocketPath }));
            var blob = Convert.FromBase64String((await File.ReadAllTextAsync(key + ".pub")).Split(' ')[1]);

            using var bound = new CancellationTokenSource(Duration + TimeSpan.FromSeconds(30));
            await using var agent = await AgentClient.ConnectAsync(world.Agent.SocketPath, bound.Token);
            var data = new byte[128];
            var count = 0;
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < Duration)
            {
                data[0] = (byte)count;
                _ = await agent.SignAsync(new SignRequest(blob, data, SignatureFlags.None), bound.Token)
                    ?? throw new InvalidOperationException("the agent refused to sign with the added key");
                count++;
            }

            return new SignatureResult(count / clock.Elapsed.TotalSeconds, count, idleRss);
        }
        finally
        {
            await world.Agent.StopAsync();
        }
    }
}
