using EicAgent.Simulator;
using EicAgent.Testing;
using Xunit;

namespace EicAgent.EndToEnd.Tests;

/// <summary>What a user sees when something is wrong: one `eic:` line on stderr that says what and what to do, and ssh failing.</summary>
[Collection(EicWorldCollection.Name)]
public sealed class FailureTests(EicWorld world) : IDisposable
{
    /// <summary>What the agent logs when it wipes the key of a connection it refused.</summary>
    private const string Wiped = "forgotten: Discarded";

    [Fact]
    public async Task An_unknown_instance_is_named_with_the_region_searched()
    {
        var line = await FailingSshAsync("no-such-host.eic");

        Assert.Contains("no-such-host", line);
        Assert.Contains(world.Sim.Region, line);
    }

    [Fact]
    public async Task An_ambiguous_name_lists_every_instance_it_matches()
    {
        var workers = world.Sim.Instances.Where(i => i.Name == "worker").ToArray();

        var line = await FailingSshAsync("worker.eic");

        Assert.Equal(2, workers.Length);
        Assert.All(workers, worker => Assert.Contains(worker.InstanceId, line));
    }

    [Fact]
    public async Task A_stopped_instance_is_reported_with_its_state_and_how_to_start_it()
    {
        var line = await FailingSshAsync("stopped-1.eic");

        Assert.Contains("stopped", line);
        Assert.Contains("start-instances", line);
    }

    [Fact]
    public async Task A_stopped_instance_named_by_its_id_is_reported_with_its_state_and_its_key_is_wiped()
    {
        var stopped = world.Sim.Instance("stopped-1").InstanceId;
        var wipedBefore = world.AgentLogCount(Wiped);

        var line = await FailingSshAsync($"{stopped}.eic");

        Assert.Contains("stopped", line);
        Assert.Contains("start-instances", line);
        await world.AgentLoggedAsync(Wiped, wipedBefore + 1);
    }

    [Fact]
    public async Task A_push_that_IAM_denies_names_the_action_and_the_os_user_condition()
    {
        var line = await FailingSshAsync($"{EicWorld.DeniedUser}@web-1.eic");

        Assert.Contains("ec2-instance-connect:SendSSHPublicKey", line);
        Assert.Contains($"ec2:osuser", line);
        Assert.Contains(world.Sim.Instance("web-1").InstanceId, line);
    }

    [Fact]
    public async Task Throttling_beyond_the_retries_is_reported_as_throttling()
    {
        world.Sim.Faults[AwsService.InstanceConnect].ThrottleNext(100);

        // A user no other test of this world connects as: no key pushed in the last 30 s that this login could ride on.
        var line = await FailingSshAsync("ubuntu@web-2.eic");

        Assert.Contains("thrott", line, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task An_agent_that_cannot_be_started_is_reported_with_how_to_see_why()
    {
        var proxy = $"ProxyCommand {EicWorld.EicPath} proxy --socket /proc/eic-nowhere/agent.sock %h %p %r";

        var line = await FailingSshAsync("-o", proxy, "web-1.eic");

        Assert.Contains("/proc/eic-nowhere/agent.sock", line);
        Assert.Contains("eic agent", line);
    }

    [Fact]
    public async Task An_instance_whose_sshd_does_not_answer_is_reported_with_its_address()
    {
        var closedPort = FreePort.Next();

        var line = await FailingSshAsync("-p", closedPort.ToString(), "web-1.eic");

        Assert.Contains($"{world.Sim.Instance("web-1").PublicIpAddress}:{closedPort}", line);
        Assert.Contains("refused", line);
    }

    public void Dispose() => world.Sim.Faults.Reset();

    /// <summary>Runs ssh, expects it to fail, and returns the one line eic wrote.</summary>
    private async Task<string> FailingSshAsync(params string[] arguments)
    {
        var result = await world.SshAsync([.. arguments, "true"]);

        Assert.NotEqual(0, result.ExitCode);
        var ours = result.StandardError.Split('\n').Where(line => line.StartsWith("eic: ", StringComparison.Ordinal)).ToArray();
        Assert.True(ours.Length == 1, result + world.AgentLog);
        return ours[0];
    }
}
