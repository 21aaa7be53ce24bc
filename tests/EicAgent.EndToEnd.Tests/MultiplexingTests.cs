using Xunit;

namespace EicAgent.EndToEnd.Tests;

/// <summary>ControlMaster: the master authenticates once; sessions that ride it need neither the proxy nor a key.</summary>
[Collection(EicWorldCollection.Name)]
public sealed class MultiplexingTests(EicWorld world)
{
    [Fact]
    public async Task A_second_session_rides_the_master_without_a_new_key_push()
    {
        var controlPath = Path.Combine(world.Directory, $"cm-{Guid.NewGuid():N}"[..12]);
        string[] multiplexed = ["-o", "ControlMaster=auto", "-o", $"ControlPath={controlPath}", "-o", "ControlPersist=30"];
        var pushesBefore = world.PushCount;

        var first = await world.SshAsync([.. multiplexed, "web-2.eic", "echo first"]);
        Assert.True(first.ExitCode == 0, first + world.AgentLog);
        var pushesAfterMaster = world.PushCount;
        var second = await world.SshAsync([.. multiplexed, "web-2.eic", "echo second"]);
        Assert.True(second.ExitCode == 0, second + world.AgentLog);

        // The master pushed a key, or rode on one another test pushed for web-2 and ec2-user within its window.
        Assert.InRange(pushesAfterMaster - pushesBefore, 0, 1);
        Assert.Equal(pushesAfterMaster, world.PushCount);
        Assert.Equal("second\n", second.StandardOutput);
        await world.SshAsync([.. multiplexed, "-O", "exit", "web-2.eic"]);
    }

    [Fact]
    public async Task The_block_from_ssh_config_multiplex_shares_the_first_connection_through_a_socket_beside_the_agent_s()
    {
        var config = Path.Combine(world.Directory, $"multiplex-{Guid.NewGuid():N}"[..20]);
        await world.WriteSshConfigAsync(config, "--multiplex");
        var pushesBefore = world.PushCount;

        var first = await world.RunAsync("ssh", ["-F", config, "web-1.eic", "echo first"]);
        Assert.True(first.ExitCode == 0, first + world.AgentLog);
        var second = await world.RunAsync("ssh", ["-F", config, "web-1.eic", "echo second"]);
        var master = await world.RunAsync("ssh", ["-F", config, "-O", "check", "web-1.eic"]);
        var controlSockets = Directory.GetFileSystemEntries(Path.GetDirectoryName(world.SocketPath)!, "cm-*");
        await world.RunAsync("ssh", ["-F", config, "-O", "exit", "web-1.eic"]);

        Assert.True(second.ExitCode == 0, second + world.AgentLog);
        Assert.Equal("second\n", second.StandardOutput);
        Assert.InRange(world.PushCount - pushesBefore, 0, 1);
        Assert.True(master.ExitCode == 0, master.ToString());
        Assert.Single(controlSockets);
    }
}
