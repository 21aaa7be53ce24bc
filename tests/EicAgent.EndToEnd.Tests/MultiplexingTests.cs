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

        Assert.Equal(1, pushesAfterMaster - pushesBefore);
        Assert.Equal(pushesAfterMaster, world.PushCount);
        Assert.Equal("second\n", second.StandardOutput);
        await world.SshAsync([.. multiplexed, "-O", "exit", "web-2.eic"]);
    }
}
