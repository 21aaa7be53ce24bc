using System.Net;
using Amazon.EC2;
using Amazon.EC2.Model;
using Xunit;

namespace EicAgent.Simulator.Tests;

/// <summary>The unmodified AmazonEC2Client reads each instance's security groups and their inbound rules.</summary>
public sealed class Ec2SecurityGroupTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    private Simulator Sim => fixture.Simulator;

    [Fact]
    public async Task Every_instance_names_its_security_group_with_id_and_name()
    {
        using var ec2 = fixture.Ec2();

        var response = await ec2.DescribeInstancesAsync(new DescribeInstancesRequest());

        var instances = response.Reservations.SelectMany(r => r.Instances).ToDictionary(i => i.InstanceId);
        var web1 = Assert.Single(instances[Sim.Instance("web-1").InstanceId].SecurityGroups);
        var db1 = Assert.Single(instances[Sim.Instance("db-1").InstanceId].SecurityGroups);
        Assert.Equal(("sg-0a1b2c3d4e5f6a101", "ssh-anywhere"), (web1.GroupId, web1.GroupName));
        Assert.Equal(("sg-0a1b2c3d4e5f6c101", "db-ssh-from-eice"), (db1.GroupId, db1.GroupName));
        Assert.All(instances.Values, instance => Assert.NotEmpty(instance.SecurityGroups));
    }

    [Fact]
    public async Task A_public_instances_group_allows_tcp_22_from_anywhere_over_IPv4_and_IPv6()
    {
        using var ec2 = fixture.Ec2();

        var response = await ec2.DescribeSecurityGroupsAsync(new DescribeSecurityGroupsRequest { GroupIds = ["sg-0a1b2c3d4e5f6a101"] });

        var group = Assert.Single(response.SecurityGroups);
        Assert.Equal("ssh-anywhere", group.GroupName);
        Assert.Equal(DefaultVpc("web-1"), group.VpcId);
        Assert.Equal(Sim.Caller.Account, group.OwnerId);
        var rule = Assert.Single(group.IpPermissions);
        Assert.Equal(("tcp", 22, 22), (rule.IpProtocol, rule.FromPort, rule.ToPort));
        Assert.Equal(["0.0.0.0/0"], rule.Ipv4Ranges.Select(r => r.CidrIp));
        Assert.Equal(["::/0"], rule.Ipv6Ranges.Select(r => r.CidrIpv6));
        Assert.Equal("-1", Assert.Single(group.IpPermissionsEgress).IpProtocol);
    }

    [Fact]
    public async Task The_private_instances_group_allows_tcp_22_from_its_endpoints_group()
    {
        using var ec2 = fixture.Ec2();
        var endpoints = await ec2.DescribeInstanceConnectEndpointsAsync(new DescribeInstanceConnectEndpointsRequest
        {
            Filters = [new Filter("vpc-id", [DefaultVpc("db-1")])],
        });

        var response = await ec2.DescribeSecurityGroupsAsync(new DescribeSecurityGroupsRequest
        {
            Filters = [new Filter("group-id", ["sg-0a1b2c3d4e5f6c101"])],
        });

        var rule = Assert.Single(Assert.Single(response.SecurityGroups).IpPermissions);
        Assert.Equal(("tcp", 22, 22), (rule.IpProtocol, rule.FromPort, rule.ToPort));
        Assert.Empty(rule.Ipv4Ranges ?? []);
        Assert.Equal(Assert.Single(endpoints.InstanceConnectEndpoints).SecurityGroupIds, rule.UserIdGroupPairs.Select(p => p.GroupId));
        Assert.Equal(Sim.Caller.Account, rule.UserIdGroupPairs[0].UserId);
    }

    [Fact]
    public async Task Every_group_an_instance_or_endpoint_names_is_described()
    {
        using var ec2 = fixture.Ec2();

        var response = await ec2.DescribeSecurityGroupsAsync(new DescribeSecurityGroupsRequest());

        var named = Sim.Instances.SelectMany(i => i.Definition.SecurityGroupIds)
            .Concat(Sim.ConnectEndpoints.SelectMany(e => e.SecurityGroupIds))
            .Distinct().Order();
        Assert.Equal(named, response.SecurityGroups.Select(g => g.GroupId).Order());
    }

    [Fact]
    public async Task An_unknown_group_id_is_not_found()
    {
        using var ec2 = fixture.Ec2();

        var error = await Assert.ThrowsAsync<AmazonEC2Exception>(() =>
            ec2.DescribeSecurityGroupsAsync(new DescribeSecurityGroupsRequest { GroupIds = ["sg-0123456789abcdef0"] }));

        Assert.Equal("InvalidGroup.NotFound", error.ErrorCode);
        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Contains("sg-0123456789abcdef0", error.Message, StringComparison.Ordinal);
    }

    private string DefaultVpc(string name) => Sim.Instance(name).Definition.VpcId;
}
