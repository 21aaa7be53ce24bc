using System.Net;
using EicAgent.Simulator.Fleet;
using EicAgent.Testing;
using Xunit;

namespace EicAgent.Simulator.Tests;

/// <summary>
/// The simulated network with the real ssh and the real AWS CLI: a private address answers only on the VPN, a
/// security group decides who gets in, and authorize-/revoke-security-group-ingress change that at once.
/// (Its own simulator: these tests change the network.)
/// </summary>
public sealed class NetworkTests(NetworkTests.Fixture fixture) : IClassFixture<NetworkTests.Fixture>
{
    private const string Web2Group = "sg-0a1b2c3d4e5f6a101";

    private Simulator Sim => fixture.Simulator;

    [SkippableFact]
    public async Task A_private_address_refuses_a_client_off_the_VPN_and_lets_it_in_on_the_VPN()
    {
        using var key = await SshClientKey.CreateAsync();
        var web2 = Sim.Instance("web-2");
        await PushAsync(web2, key);

        var offVpn = await key.LoginAsync(web2, "ec2-user", web2.PrivateIpAddress);
        await Sim.SetVpnAsync(true);
        ProcessResult onVpn;
        try
        {
            onVpn = await key.LoginAsync(web2, "ec2-user", web2.PrivateIpAddress, "echo $SSH_CONNECTION");
        }
        finally
        {
            await Sim.SetVpnAsync(false);
        }

        var offAgain = await key.LoginAsync(web2, "ec2-user", web2.PrivateIpAddress);
        Assert.Equal(255, offVpn.ExitCode);
        Assert.Contains("Connection refused", offVpn.StandardError, StringComparison.Ordinal);
        Assert.True(onVpn.ExitCode == 0, onVpn.ToString());
        Assert.Contains($" {web2.PrivateIpAddress} ", onVpn.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("Connection refused", offAgain.StandardError, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Revoking_the_ssh_rule_with_the_AWS_CLI_shuts_the_public_address_and_authorizing_this_machine_opens_it()
    {
        AwsCli.Require();
        using var key = await SshClientKey.CreateAsync();
        var web2 = Sim.Instance("web-2");

        var revoked = await AwsCli.RunAsync(Sim, "ec2", "revoke-security-group-ingress", "--group-id", Web2Group, "--protocol", "tcp", "--port", "22", "--cidr", "0.0.0.0/0");
        await PushAsync(web2, key);
        var shut = await key.LoginAsync(web2, "ec2-user", connectTimeoutSeconds: 5);
        var authorized = await AwsCli.RunAsync(Sim, "ec2", "authorize-security-group-ingress", "--group-id", Web2Group, "--protocol", "tcp", "--port", "22", "--cidr", "127.0.0.1/32");
        await PushAsync(web2, key);
        var open = await key.LoginAsync(web2, "ec2-user");
        var restored = await AwsCli.RunAsync(Sim, "ec2", "authorize-security-group-ingress", "--group-id", Web2Group, "--protocol", "tcp", "--port", "22", "--cidr", "0.0.0.0/0");

        Assert.True(revoked.ExitCode == 0, revoked.ToString());
        Assert.Equal(255, shut.ExitCode);
        Assert.Contains("timed out", shut.StandardError, StringComparison.Ordinal);
        Assert.True(authorized.ExitCode == 0, authorized.ToString());
        Assert.True(open.ExitCode == 0, open.ToString());
        Assert.True(restored.ExitCode == 0, restored.ToString());
    }

    [SkippableFact]
    public async Task A_rule_for_another_address_does_not_let_this_machine_in()
    {
        using var key = await SshClientKey.CreateAsync();
        var worker = Sim.Instances.First(i => i.Name == "worker");
        using var ec2 = fixture.Ec2();
        var group = worker.Definition.SecurityGroupIds[0];
        await ec2.RevokeSecurityGroupIngressAsync(new() { GroupId = group, IpPermissions = [Ssh("0.0.0.0/0")] });
        await ec2.AuthorizeSecurityGroupIngressAsync(new() { GroupId = group, IpPermissions = [Ssh("203.0.113.0/24")] });
        ProcessResult shut;
        try
        {
            await PushAsync(worker, key);
            shut = await key.LoginAsync(worker, "ec2-user", connectTimeoutSeconds: 5);
        }
        finally
        {
            await ec2.AuthorizeSecurityGroupIngressAsync(new() { GroupId = group, IpPermissions = [Ssh("0.0.0.0/0")] });
        }

        Assert.Equal(255, shut.ExitCode);
        Assert.Contains("timed out", shut.StandardError, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Each_instance_is_its_own_machine_with_its_host_name_and_home()
    {
        Skip.IfNot(Sim.Instance("web-1").HomeDirectory is not null, "instances are their own machines only as root with namespaces (unshare)");
        using var key = await SshClientKey.CreateAsync();
        var web1 = Sim.Instance("web-1");
        var web2 = Sim.Instance("web-2");
        await PushAsync(web1, key);
        await PushAsync(web2, key);
        var marker = "eic-sim-" + Guid.NewGuid().ToString("N");

        var name1 = await key.LoginAsync(web1, "ec2-user", command: $"hostname && touch ~/{marker} /tmp/{marker}");
        var name2 = await key.LoginAsync(web2, "ec2-user", command: $"hostname && test ! -e ~/{marker} && test ! -e /tmp/{marker}");

        Assert.True(name1.ExitCode == 0, name1.ToString());
        Assert.True(name2.ExitCode == 0, "web-2 sees web-1's files: " + name2);
        Assert.Equal(web1.HostName + "\n", name1.StandardOutput);
        Assert.Equal(web2.HostName + "\n", name2.StandardOutput);
        Assert.NotEqual(name1.StandardOutput, name2.StandardOutput);
        Assert.True(File.Exists(Path.Combine(web1.HomeDirectory!, "ec2-user", marker)));
        Assert.False(File.Exists(Path.Combine("/home/ec2-user", marker)), "the machine's real home stays untouched");
        Assert.False(File.Exists(Path.Combine("/tmp", marker)), "the machine's real /tmp stays untouched");
    }

    [SkippableFact]
    public async Task As_root_an_instance_answers_on_its_IPv6_address_as_sshd_on_its_public_one()
    {
        using var key = await SshClientKey.CreateAsync();
        var web1 = Sim.Instance("web-1");
        await PushAsync(web1, key);

        var login = await key.LoginAsync(web1, "ec2-user", web1.Ipv6Address, "echo reached");

        Assert.True(Sim.Ipv6Reachable && web1.Ipv6Answers, $"root, yet {web1.Ipv6Address} does not answer (see the simulator's log)");
        Assert.True(login.ExitCode == 0, login.ToString());
        Assert.Equal("reached\n", login.StandardOutput);
    }

    private static Amazon.EC2.Model.IpPermission Ssh(string cidr) =>
        new() { IpProtocol = "tcp", FromPort = 22, ToPort = 22, Ipv4Ranges = [new() { CidrIp = cidr }] };

    private async Task PushAsync(SimulatedInstance instance, SshClientKey key)
    {
        var answer = await fixture.InstanceConnect.SendSshPublicKeyAsync(instance.InstanceId, "ec2-user", key.PublicKey, Sim.Caller);
        Assert.True(answer.Status == HttpStatusCode.OK, answer.Body);
    }

    public sealed class Fixture : SimulatorFixture;
}
