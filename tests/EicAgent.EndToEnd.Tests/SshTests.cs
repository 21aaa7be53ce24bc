using Xunit;

namespace EicAgent.EndToEnd.Tests;

/// <summary>Plain `ssh` through the included block: by id, by Name tag, as another user, exit status passed through.</summary>
[Collection(EicWorldCollection.Name)]
public sealed class SshTests(EicWorld world)
{
    [Fact]
    public async Task Ssh_by_instance_id_runs_the_command_on_that_instance_and_passes_its_exit_status_through()
    {
        var web1 = world.Sim.Instance("web-1");

        var result = await world.SshAsync(web1.InstanceId, "echo \"$USER@$SSH_CONNECTION\"; exit 7");

        Assert.True(result.ExitCode == 7, result + world.AgentLog);
        // As on EC2, the instance sees itself at its private address (the public one is translated on the way in).
        Assert.Matches($"^ec2-user@\\S+ \\d+ {web1.PrivateIpAddress.Replace(".", "\\.")} \\d+\n$", result.StandardOutput);
    }

    [Fact]
    public async Task Ssh_by_name_tag_reaches_the_instance_with_that_name()
    {
        var web2 = world.Sim.Instance("web-2");

        var result = await world.SshAsync("web-2.eic", "echo $SSH_CONNECTION");

        Assert.True(result.ExitCode == 0, result + world.AgentLog);
        Assert.Contains($" {web2.PrivateIpAddress} ", result.StandardOutput);
    }

    [Fact]
    public async Task Ssh_as_a_second_user_logs_in_as_that_user()
    {
        var result = await world.SshAsync("ubuntu@ubuntu-1.eic", "whoami");

        Assert.True(result.ExitCode == 0, result + world.AgentLog);
        Assert.Equal("ubuntu\n", result.StandardOutput);
    }
}
