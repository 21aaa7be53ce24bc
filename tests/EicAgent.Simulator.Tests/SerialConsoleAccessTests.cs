using System.Net;
using Amazon.EC2.Model;
using Xunit;

namespace EicAgent.Simulator.Tests;

/// <summary>
/// The account's serial console switch, through the real AWS SDK: off in a fresh simulator (as in a new AWS
/// account), so SendSerialConsoleSSHPublicKey is refused until EnableSerialConsoleAccess, and again after Disable.
/// </summary>
public sealed class SerialConsoleAccessTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    private const string Web1 = "i-0a1b2c3d4e5f00001";

    [Fact]
    public async Task Access_is_off_until_enabled_and_the_serial_push_follows_it()
    {
        using var ec2 = fixture.Ec2();
        using var key = await SshClientKey.CreateAsync();

        var fresh = await ec2.GetSerialConsoleAccessStatusAsync(new GetSerialConsoleAccessStatusRequest());
        var refused = await PushAsync(key);
        var enabled = await ec2.EnableSerialConsoleAccessAsync(new EnableSerialConsoleAccessRequest());
        var afterEnable = await ec2.GetSerialConsoleAccessStatusAsync(new GetSerialConsoleAccessStatusRequest());
        var accepted = await PushAsync(key);
        var disabled = await ec2.DisableSerialConsoleAccessAsync(new DisableSerialConsoleAccessRequest());
        var refusedAgain = await PushAsync(key);

        Assert.False(fresh.SerialConsoleAccessEnabled);
        Assert.Equal("account", fresh.ManagedBy?.Value);
        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        Assert.Equal("SerialConsoleAccessDisabledException", refused.ErrorType);
        Assert.True(enabled.SerialConsoleAccessEnabled);
        Assert.True(afterEnable.SerialConsoleAccessEnabled);
        Assert.Equal(HttpStatusCode.OK, accepted.Status);
        Assert.False(disabled.SerialConsoleAccessEnabled);
        Assert.Equal("SerialConsoleAccessDisabledException", refusedAgain.ErrorType);
    }

    [Fact]
    public async Task DescribeInstanceTypes_says_which_types_run_on_Nitro()
    {
        using var ec2 = fixture.Ec2();

        var types = await ec2.DescribeInstanceTypesAsync(new DescribeInstanceTypesRequest { InstanceTypes = ["t3.micro", "t2.micro", "c5.metal"] });

        var byType = types.InstanceTypes.ToDictionary(t => t.InstanceType.Value);
        Assert.Equal("nitro", byType["t3.micro"].Hypervisor?.Value);
        Assert.Equal("xen", byType["t2.micro"].Hypervisor?.Value);
        Assert.True(byType["c5.metal"].BareMetal);
    }

    private Task<SignedAnswer> PushAsync(SshClientKey key) => fixture.InstanceConnect.SendAsync(
        "SendSerialConsoleSSHPublicKey",
        $$"""{"InstanceId":"{{Web1}}","SerialPort":0,"SSHPublicKey":"{{key.PublicKey}}"}""",
        fixture.Simulator.Caller);
}
