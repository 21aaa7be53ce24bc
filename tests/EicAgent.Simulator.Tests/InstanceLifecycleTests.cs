using Amazon.EC2.Model;
using Xunit;
using InstanceStateName = Amazon.EC2.InstanceStateName;

namespace EicAgent.Simulator.Tests;

/// <summary>StopInstances and StartInstances change what EC2 reports and whether the instance's sshd is there at all.</summary>
public sealed class InstanceLifecycleTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    private Simulator Sim => fixture.Simulator;

    [SkippableFact]
    public async Task A_stopped_instance_is_unreachable_refuses_key_pushes_and_comes_back_when_started()
    {
        using var ec2 = fixture.Ec2();
        using var key = await SshClientKey.CreateAsync();
        var web2 = Sim.Instance("web-2");

        var stop = await ec2.StopInstancesAsync(new StopInstancesRequest { InstanceIds = [web2.InstanceId] });
        var pushWhileStopped = await fixture.InstanceConnect.SendSshPublicKeyAsync(web2.InstanceId, "ec2-user", key.PublicKey, Sim.Caller);
        var sshWhileStopped = await key.LoginAsync(web2, "ec2-user");
        var described = await ec2.DescribeInstancesAsync(new DescribeInstancesRequest { InstanceIds = [web2.InstanceId] });

        var stopChange = Assert.Single(stop.StoppingInstances);
        Assert.Equal(InstanceStateName.Stopping, stopChange.CurrentState.Name);
        Assert.Equal(InstanceStateName.Running, stopChange.PreviousState.Name);
        Assert.Equal(InstanceStateName.Stopped, described.Reservations[0].Instances[0].State.Name);
        Assert.Equal("EC2InstanceStateInvalidException", pushWhileStopped.ErrorType);
        Assert.Contains("Connection refused", sshWhileStopped.StandardError, StringComparison.Ordinal);

        var start = await ec2.StartInstancesAsync(new StartInstancesRequest { InstanceIds = [web2.InstanceId] });
        var pushWhenRunning = await fixture.InstanceConnect.SendSshPublicKeyAsync(web2.InstanceId, "ec2-user", key.PublicKey, Sim.Caller);
        var sshWhenRunning = await key.LoginAsync(web2, "ec2-user");

        var startChange = Assert.Single(start.StartingInstances);
        Assert.Equal(InstanceStateName.Pending, startChange.CurrentState.Name);
        Assert.Equal(InstanceStateName.Stopped, startChange.PreviousState.Name);
        Assert.Null(pushWhenRunning.ErrorType);
        Assert.True(sshWhenRunning.ExitCode == 0, sshWhenRunning.ToString());
    }

    [SkippableFact]
    public async Task Starting_the_stopped_instance_gives_it_its_public_address_and_a_running_sshd()
    {
        using var ec2 = fixture.Ec2();
        using var key = await SshClientKey.CreateAsync();
        var instance = Sim.Instance("stopped-1");

        await ec2.StartInstancesAsync(new StartInstancesRequest { InstanceIds = [instance.InstanceId] });
        var described = (await ec2.DescribeInstancesAsync(new DescribeInstancesRequest { InstanceIds = [instance.InstanceId] }))
            .Reservations[0].Instances[0];
        await fixture.InstanceConnect.SendSshPublicKeyAsync(instance.InstanceId, "ec2-user", key.PublicKey, Sim.Caller);
        var login = await key.LoginAsync(instance, "ec2-user", described.PublicIpAddress);
        await ec2.StopInstancesAsync(new StopInstancesRequest { InstanceIds = [instance.InstanceId] });

        Assert.Equal(InstanceStateName.Running, described.State.Name);
        Assert.Equal(instance.PublicIpAddress, described.PublicIpAddress);
        Assert.True(login.ExitCode == 0, login.ToString());
        Assert.Null(instance.SshdProcessId);
    }

    [Fact]
    public async Task Starting_a_running_instance_changes_nothing()
    {
        using var ec2 = fixture.Ec2();
        var web1 = Sim.Instance("web-1");
        var sshd = web1.SshdProcessId;

        var start = await ec2.StartInstancesAsync(new StartInstancesRequest { InstanceIds = [web1.InstanceId] });

        Assert.Equal(InstanceStateName.Running, Assert.Single(start.StartingInstances).CurrentState.Name);
        Assert.Equal(sshd, web1.SshdProcessId);
    }
}
