using EicAgent.Testing;
using Xunit;

namespace EicAgent.EndToEnd.Tests;

/// <summary>
/// An instance of an IPv6-only subnet through the real proxy, agent, ssh and the simulator's endpoints: the tunnel
/// takes the dualstack endpoint and asks for the IPv6 address; an ipv4 endpoint named with --eice-id is one line.
/// </summary>
public sealed class Ipv6Tests(Ipv6World world) : IClassFixture<Ipv6World>
{
    [Fact]
    public async Task Ssh_reaches_an_ipv6_only_instance_through_the_dualstack_endpoint_not_the_ipv4_one_in_its_subnet()
    {
        var dualStack = world.Sim.ConnectEndpoints.Single(e => e.EndpointId == Ipv6World.DualStackEndpointId);

        var result = await world.SshAsync($"{Ipv6World.Ipv6Only}.eic", "echo reached v6-1");

        Assert.True(result.ExitCode == 0, result + world.AgentLog);
        Assert.Equal("reached v6-1", result.StandardOutput.Trim());
        await world.AgentLoggedAsync($"at wss://{world.Sim.EndpointDnsName(dualStack)} as ", 1);
    }

    [Fact]
    public async Task An_ipv4_endpoint_named_for_an_ipv6_only_instance_is_one_line_saying_why()
    {
        var ipv4 = world.Sim.ConnectEndpoints.Single(e => e.VpcId == world.Sim.Instance("db-1").Definition.VpcId && e.IpAddressType == "ipv4");

        var result = await world.RunAsync(
            "ssh", ["-F", world.ConfigPath, "-o", $"ProxyCommand \"{EicWorld.EicPath}\" proxy --socket \"{world.SocketPath}\" --eice-id {ipv4.EndpointId} %h %p %r", $"{Ipv6World.Ipv6Only}.eic", "true"]);

        Assert.Equal(255, result.ExitCode);
        Assert.Contains($"eic: EC2 Instance Connect Endpoint {ipv4.EndpointId} is ipv4 and i-0a1b2c3d4e5f0000a (v6-1) has no private IPv4 address", result.StandardError);
    }

    [Fact]
    public async Task Ls_says_how_the_ipv6_only_instance_is_reached()
    {
        var result = await world.RunAsync(EicWorld.EicPath, ["ls"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        var row = result.StandardOutput.Split('\n').Single(line => line.Contains(Ipv6World.Ipv6Only, StringComparison.Ordinal));
        Assert.True(row.Contains(Ipv6World.DualStackEndpointId, StringComparison.Ordinal), result.StandardOutput);
    }
}
