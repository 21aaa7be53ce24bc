using EicAgent.Testing;
using Xunit;

namespace EicAgent.EndToEnd.Tests;

/// <summary>
/// An instance of an IPv6-only subnet through the real proxy, agent, ssh and the simulator's endpoints: the tunnel
/// takes the dualstack endpoint and asks for the IPv6 address; an ipv4 endpoint named with --eice-id is one line.
/// </summary>
public sealed partial class Ipv6Tests(Ipv6World world) : IClassFixture<Ipv6World>
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
    public async Task With_no_endpoint_that_reaches_it_auto_tries_the_ipv6_address_last_and_says_where_it_failed()
    {
        var result = await world.SshAsync("-o", "ConnectTimeout=60", $"{Ipv6World.Unreachable}.eic", "true");

        Assert.Equal(255, result.ExitCode);
        var refusal = result.StandardError.Split('\n').Single(line => line.StartsWith("eic: ", StringComparison.Ordinal));
        Assert.Contains($"[{Ipv6World.UnreachableIpv6Address}]:22", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_names_the_ipv6_address_as_the_path_when_nothing_else_reaches_the_instance()
    {
        var result = await world.RunAsync(EicWorld.EicPath, ["doctor", "--socket", world.SocketPath, "--ssh-config", world.ConfigPath, $"{Ipv6World.Unreachable}.eic"]);

        Assert.True(
            result.StandardOutput.Contains(
                $"ok   path: no public IPv4 address and no Instance Connect Endpoint that reaches it; IPv6 address {Ipv6World.UnreachableIpv6Address}, directly, port 22",
                StringComparison.Ordinal),
            result.ToString());
    }

    [Theory]
    [InlineData("AWS_USE_DUALSTACK_ENDPOINT", "dual-stack endpoints (AWS_USE_DUALSTACK_ENDPOINT or use_dualstack_endpoint)")]
    [InlineData("AWS_USE_FIPS_ENDPOINT", "FIPS endpoints (AWS_USE_FIPS_ENDPOINT or use_fips_endpoint)")]
    public async Task Dual_stack_or_fips_endpoints_with_a_custom_endpoint_url_are_one_line_naming_both_settings(string variable, string setting)
    {
        // The simulator is a custom endpoint URL (AWS_ENDPOINT_URL); the SDK's endpoint rules refuse either variant with it.
        var result = await world.RunAsync(EicWorld.EicPath, ["ls"], extraEnvironment: new Dictionary<string, string?> { [variable] = "true" });

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(
            $"eic ls: {setting} and a custom endpoint URL (AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_<SERVICE> or endpoint_url) cannot be used together, the AWS SDK refuses it: unset one of them\n",
            result.StandardError);
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
