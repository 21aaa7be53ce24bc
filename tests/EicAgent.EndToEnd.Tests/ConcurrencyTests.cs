using EicAgent.Testing;
using Xunit;

namespace EicAgent.EndToEnd.Tests;

/// <summary>
/// Many connections at once: each ssh is offered only the key bound to it (one it pushed or rode on), so none is
/// refused -- sshd's MaxAuthTries counts every refused offer, which is what breaks agents that offer every key to
/// every connection -- and connections to one instance and user share a few pushes instead of piling up keys.
/// </summary>
[Collection(EicWorldCollection.Name)]
public sealed class ConcurrencyTests(EicWorld world)
{
    [Fact]
    public async Task Fifty_concurrent_ssh_to_one_instance_and_user_all_log_in_with_no_refused_key()
    {
        // The second "worker", which no other test of this world logs in to: the instance checks every key pushed for
        // the user in the last minute on each lookup, so keys earlier tests left there would slow every login of the
        // burst, up to the lookup's 5 s limit. Here the burst's lookups check only keys it pushed itself.
        var target = world.Sim.Instances.Last(i => i.Name == "worker");
        var mark = target.SshdLog.LineCount;
        var before = BurstReport.Before(world);
        // An agent of this test's own (the first proxy starts it): the burst shares only keys it pushed itself, never
        // one an earlier test left with seconds to live.
        var socket = Path.Combine(world.Directory, $"burst-{Guid.NewGuid():N}"[..20], "agent.sock");
        ProcessResult[] results;
        try
        {
            results = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => world.SshAsync([.. EicWorld.OwnAgentOptions(socket), $"ec2-user@{target.InstanceId}", $"echo {i}"])));
        }
        finally
        {
            await world.StopAgentAsync(socket);
        }

        var report = BurstReport.Of(world, target, results, before);
        Assert.All(results.Select((result, i) => (result, i)), r => Assert.True(r.result.ExitCode == 0 && r.result.StandardOutput == $"{r.i}\n", $"{report}\n{r.result}"));
        // Shared keys: one push serves every connection of its first 30 s (KeySharingTests counts them exactly). A
        // burst that takes minutes on a busy machine needs a new key every 30 s, still far fewer than one per connection.
        Assert.True(report.Pushes <= results.Length / 5, report.ToString());
        await AssertNoRefusedKeyAsync(target.SshdLog, mark, expectedLogins: 50);
    }

    [Fact]
    public async Task Twenty_concurrent_ssh_spread_over_different_instances_all_log_in_with_no_refused_key()
    {
        string[] targets = ["web-1", "web-2", "ubuntu-1"];
        var instances = targets.Select(world.Sim.Instance).ToArray();
        var marks = instances.Select(i => i.SshdLog.LineCount).ToArray();

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
        {
            var instance = instances[i % instances.Length];
            var user = instance.OsUsers[0];
            return world.SshAsync($"{user}@{instance.InstanceId}", "echo $SSH_CONNECTION");
        }));

        for (var i = 0; i < results.Length; i++)
        {
            Assert.True(results[i].ExitCode == 0, results[i] + world.AgentLog);
            Assert.Contains($" {instances[i % instances.Length].PrivateIpAddress} ", results[i].StandardOutput);
        }

        for (var i = 0; i < instances.Length; i++)
        {
            var logins = Enumerable.Range(0, 20).Count(n => n % instances.Length == i);
            await AssertNoRefusedKeyAsync(instances[i].SshdLog, marks[i], logins);
        }
    }

    private static async Task AssertNoRefusedKeyAsync(Simulator.Sshd.SshdLog log, int mark, int expectedLogins)
    {
        // The client may finish before sshd has flushed its log: wait for every accepted login to be written.
        await log.WaitForLinesAsync(line => line.Contains("Accepted publickey", StringComparison.Ordinal), mark, expectedLogins, TimeSpan.FromSeconds(30));
        var refused = log.LinesAfter(mark).Where(line => line.Contains("Failed publickey", StringComparison.Ordinal)).ToArray();
        Assert.True(refused.Length == 0, string.Join('\n', refused));
    }
}
