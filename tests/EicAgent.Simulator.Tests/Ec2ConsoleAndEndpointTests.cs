using System.Globalization;
using System.Net;
using System.Text;
using Amazon.EC2;
using Amazon.EC2.Model;
using EicAgent.Testing;
using Xunit;

namespace EicAgent.Simulator.Tests;

/// <summary>GetConsoleOutput (host keys for verification without trust on first use) and DescribeInstanceConnectEndpoints.</summary>
public sealed class Ec2ConsoleAndEndpointTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    private Simulator Sim => fixture.Simulator;

    [Theory]
    [InlineData("web-1")]
    [InlineData("ubuntu-1")]
    public async Task The_console_output_carries_the_host_key_that_the_instances_sshd_really_serves(string name)
    {
        using var ec2 = fixture.Ec2();
        var instance = Sim.Instance(name);

        var response = await ec2.GetConsoleOutputAsync(new GetConsoleOutputRequest { InstanceId = instance.InstanceId });
        var console = Encoding.UTF8.GetString(Convert.FromBase64String(response.Output));
        var scanned = await ProcessRunner.RunAsync(
            "ssh-keyscan", "-t", "ed25519", "-p", instance.SshPort.ToString(CultureInfo.InvariantCulture), instance.SshAddress);

        Assert.Equal(instance.InstanceId, response.InstanceId);
        var keys = HostKeysBlock(console);
        var servedKey = scanned.StandardOutput.Split('\n').Single(l => l.Contains("ssh-ed25519", StringComparison.Ordinal)).Split(' ')[1..3];
        Assert.Equal(servedKey, Assert.Single(keys).Split(' ')[..2]);
        Assert.All(console.Split('\n').Where(l => l.Contains("HOST KEY KEYS", StringComparison.Ordinal)),
            line => Assert.False(line.StartsWith("-----", StringComparison.Ordinal), "lines carry a logger prefix like real consoles"));
    }

    [Fact]
    public async Task Console_output_of_an_unknown_instance_is_not_found()
    {
        using var ec2 = fixture.Ec2();

        var error = await Assert.ThrowsAsync<AmazonEC2Exception>(() =>
            ec2.GetConsoleOutputAsync(new GetConsoleOutputRequest { InstanceId = "i-0123456789abcdef0" }));

        Assert.Equal("InvalidInstanceID.NotFound", error.ErrorCode);
    }

    [Fact]
    public async Task Every_VPC_has_a_usable_Instance_Connect_Endpoint_with_its_DNS_names()
    {
        using var ec2 = fixture.Ec2();

        var response = await ec2.DescribeInstanceConnectEndpointsAsync(new DescribeInstanceConnectEndpointsRequest());

        var vpcs = Sim.Instances.Select(i => i.Definition.VpcId).Distinct().Order();
        Assert.Equal(vpcs, response.InstanceConnectEndpoints.Select(e => e.VpcId).Order());
        var endpoint = response.InstanceConnectEndpoints.Single(e => e.VpcId == Sim.Instance("db-1").Definition.VpcId);
        Assert.Equal(Ec2InstanceConnectEndpointState.CreateComplete, endpoint.State);
        Assert.Equal("subnet-0a1b2c3d4e5f6c031", endpoint.SubnetId);
        Assert.Matches(@"^eice-[0-9a-f]{17}\.[0-9a-f]{8}\.ec2-instance-connect-endpoint\.us-east-1\.amazonaws\.com$", endpoint.DnsName);
        Assert.Matches(@"^eice-[0-9a-f]{17}\.[0-9a-f]{8}\.fips\.ec2-instance-connect-endpoint\.us-east-1\.amazonaws\.com$", endpoint.FipsDnsName);
        Assert.False(endpoint.PreserveClientIp);
        Assert.Equal(["sg-0a1b2c3d4e5f6c003"], endpoint.SecurityGroupIds);
        Assert.Equal(Sim.Caller.Account, endpoint.OwnerId);
        Assert.StartsWith("arn:aws:ec2:us-east-1:123456789012:instance-connect-endpoint/eice-", endpoint.InstanceConnectEndpointArn, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Endpoints_filter_by_VPC_and_state_page_and_report_unknown_ids()
    {
        using var ec2 = fixture.Ec2();
        var vpc = Sim.Instance("db-1").Definition.VpcId;

        var inVpc = await ec2.DescribeInstanceConnectEndpointsAsync(new DescribeInstanceConnectEndpointsRequest
        {
            Filters = [new Filter("vpc-id", [vpc]), new Filter("state", ["create-complete", "update-complete"])],
        });
        var firstPage = await ec2.DescribeInstanceConnectEndpointsAsync(new DescribeInstanceConnectEndpointsRequest { MaxResults = 2 });
        var secondPage = await ec2.DescribeInstanceConnectEndpointsAsync(
            new DescribeInstanceConnectEndpointsRequest { MaxResults = 2, NextToken = firstPage.NextToken });
        var unknown = await Assert.ThrowsAsync<AmazonEC2Exception>(() => ec2.DescribeInstanceConnectEndpointsAsync(
            new DescribeInstanceConnectEndpointsRequest { InstanceConnectEndpointIds = ["eice-0123456789abcdef0"] }));

        Assert.Equal(vpc, Assert.Single(inVpc.InstanceConnectEndpoints).VpcId);
        Assert.Equal(2, firstPage.InstanceConnectEndpoints.Count);
        Assert.Single(secondPage.InstanceConnectEndpoints);
        Assert.Null(secondPage.NextToken);
        Assert.Equal("InvalidInstanceConnectEndpointId.NotFound", unknown.ErrorCode);
    }

    [Fact]
    public async Task An_action_the_simulator_does_not_implement_is_an_unsupported_operation_that_says_so()
    {
        using var ec2 = fixture.Ec2();

        var error = await Assert.ThrowsAsync<AmazonEC2Exception>(() => ec2.DescribeVpcsAsync(new DescribeVpcsRequest()));

        Assert.Equal("UnsupportedOperation", error.ErrorCode);
        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Equal("The EicAgent simulator does not implement the EC2 action DescribeVpcs.", error.Message);
    }

    // What a client does: take the last BEGIN/END block and strip the logger prefix in front of each key line.
    private static string[] HostKeysBlock(string console)
    {
        var lines = console.Split('\n');
        var begin = Array.FindLastIndex(lines, l => l.EndsWith("-----BEGIN SSH HOST KEY KEYS-----", StringComparison.Ordinal));
        var end = Array.FindLastIndex(lines, l => l.EndsWith("-----END SSH HOST KEY KEYS-----", StringComparison.Ordinal));
        Assert.True(begin >= 0 && end > begin, console);
        return [.. lines[(begin + 1)..end].Select(l => l[l.IndexOf("ssh-", StringComparison.Ordinal)..])];
    }
}
