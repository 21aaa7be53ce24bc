using System.Net;
using Amazon.EC2;
using Amazon.EC2.Model;
using Xunit;

namespace EicAgent.Simulator.Tests;

/// <summary>The unmodified AmazonEC2Client against DescribeInstances: fields, filters, wildcards, ids, paging, errors.</summary>
public sealed class Ec2DescribeInstancesTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    private Simulator Sim => fixture.Simulator;

    [Fact]
    public async Task Every_instance_comes_back_with_the_fields_a_client_resolves_names_with()
    {
        using var ec2 = fixture.Ec2();

        var response = await ec2.DescribeInstancesAsync(new DescribeInstancesRequest());

        var instances = response.Reservations.SelectMany(r => r.Instances).ToArray();
        Assert.Equal(Sim.Instances.Select(i => i.InstanceId), instances.Select(i => i.InstanceId));
        Assert.Null(response.NextToken);
        var web1 = instances.Single(i => i.InstanceId == Sim.Instance("web-1").InstanceId);
        var expected = Sim.Instance("web-1");
        Assert.Equal(InstanceStateName.Running, web1.State.Name);
        Assert.Equal(16, web1.State.Code);
        Assert.Equal(expected.PublicIpAddress, web1.PublicIpAddress);
        Assert.Equal(expected.PrivateIpAddress, web1.PrivateIpAddress);
        Assert.Equal($"ec2-{expected.PublicIpAddress!.Replace('.', '-')}.compute-1.amazonaws.com", web1.PublicDnsName);
        Assert.Equal($"ip-{expected.PrivateIpAddress.Replace('.', '-')}.ec2.internal", web1.PrivateDnsName);
        Assert.Equal("us-east-1a", web1.Placement.AvailabilityZone);
        Assert.Equal("vpc-0a1b2c3d4e5f6a001", web1.VpcId);
        Assert.Equal("subnet-0a1b2c3d4e5f6a011", web1.SubnetId);
        Assert.Equal(expected.Ipv6Address, web1.Ipv6Address);
        Assert.StartsWith("fdec:2e1c:0:", web1.Ipv6Address, StringComparison.Ordinal);
        Assert.Equal("Linux/UNIX", web1.PlatformDetails);
        Assert.Equal("ami-0e1c0000000000001", web1.ImageId);
        Assert.Equal("required", web1.MetadataOptions.HttpTokens.Value);
        Assert.Contains(web1.Tags, t => t.Key == "Name" && t.Value == "web-1");
        Assert.Equal(Sim.Caller.Account, response.Reservations[0].OwnerId);
    }

    [Fact]
    public async Task A_stopped_instance_shows_no_public_address_and_a_private_only_one_never_has_one()
    {
        using var ec2 = fixture.Ec2();

        var stopped = await SingleAsync(ec2, Sim.Instance("stopped-1").InstanceId);
        var db = await SingleAsync(ec2, Sim.Instance("db-1").InstanceId);

        Assert.Equal(InstanceStateName.Stopped, stopped.State.Name);
        Assert.Equal(80, stopped.State.Code);
        Assert.Null(stopped.PublicIpAddress);
        Assert.True(string.IsNullOrEmpty(stopped.PublicDnsName));
        Assert.Equal("Client.UserInitiatedShutdown", stopped.StateReason.Code);
        Assert.Null(db.PublicIpAddress);
        Assert.Equal(Sim.Instance("db-1").PrivateIpAddress, db.PrivateIpAddress);
    }

    [Theory]
    [InlineData("tag:Name", "web-1", "web-1")]
    [InlineData("tag:Name", "web-*", "web-1,web-2")]
    [InlineData("tag:Name", "web-?", "web-1,web-2")]
    [InlineData("tag:Name", "worker", "worker,worker")]
    [InlineData("tag:Name", "WEB-1", "")]
    [InlineData("tag:role", "worker", "worker,worker")]
    [InlineData("tag:env", "prod", "web-1,worker,worker,db-1")]
    [InlineData("tag:nosuchkey", "*", "")]
    [InlineData("instance-state-name", "stopped", "stopped-1")]
    [InlineData("instance-state-name", "running", "web-1,web-2,worker,worker,ubuntu-1,db-1")]
    [InlineData("vpc-id", "vpc-0a1b2c3d4e5f6c003", "db-1")]
    [InlineData("subnet-id", "subnet-0a1b2c3d4e5f6b021", "worker,ubuntu-1")]
    [InlineData("instance-id", "i-0a1b2c3d4e5f0000?", "web-1,web-2,worker,worker,ubuntu-1,db-1,stopped-1")]
    [InlineData("tag:Name", "web-1,ubuntu-1", "web-1,ubuntu-1")]
    public async Task Filters_select_the_instances_EC2_would(string filter, string values, string expectedNames)
    {
        using var ec2 = fixture.Ec2();

        var names = await NamesAsync(ec2, new Filter(filter, [.. values.Split(',')]));

        Assert.Equal(expectedNames, string.Join(',', names));
    }

    [Theory]
    [InlineData("private-ip-address", "web-2")]
    [InlineData("ip-address", "web-2")]
    [InlineData("dns-name", "ubuntu-1")]
    [InlineData("private-dns-name", "db-1")]
    [InlineData("ipv6-address", "web-1")]
    public async Task Address_and_DNS_filters_find_the_instance_by_what_a_user_would_type(string filter, string name)
    {
        using var ec2 = fixture.Ec2();
        var instance = Sim.Instance(name);
        var value = filter switch
        {
            "private-ip-address" => instance.PrivateIpAddress,
            "ip-address" => instance.PublicIpAddress!,
            "dns-name" => instance.PublicDnsName!,
            "ipv6-address" => instance.Ipv6Address!,
            _ => instance.PrivateDnsName,
        };

        Assert.Equal([name], await NamesAsync(ec2, new Filter(filter, [value])));
    }

    [Fact]
    public async Task Several_filters_must_all_match_and_a_stopped_instance_matches_no_public_address()
    {
        using var ec2 = fixture.Ec2();
        var stopped = Sim.Instance("stopped-1");

        Assert.Equal(["worker"], await NamesAsync(ec2, new Filter("tag:Name", ["worker"]), new Filter("subnet-id", ["subnet-0a1b2c3d4e5f6b022"])));
        Assert.Empty(await NamesAsync(ec2, new Filter("ip-address", [stopped.PublicIpAddress!])));
    }

    [Fact]
    public async Task Instance_ids_select_instances_and_unknown_or_malformed_ids_are_errors()
    {
        using var ec2 = fixture.Ec2();
        string[] ids = [Sim.Instance("web-2").InstanceId, Sim.Instance("db-1").InstanceId];

        var found = await ec2.DescribeInstancesAsync(new DescribeInstancesRequest { InstanceIds = [.. ids] });
        var unknown = await Assert.ThrowsAsync<AmazonEC2Exception>(() =>
            ec2.DescribeInstancesAsync(new DescribeInstancesRequest { InstanceIds = ["i-0123456789abcdef0", "i-0a1b2c3d4e5f00001"] }));
        var malformed = await Assert.ThrowsAsync<AmazonEC2Exception>(() =>
            ec2.DescribeInstancesAsync(new DescribeInstancesRequest { InstanceIds = ["i-nothex"] }));

        Assert.Equal(ids, found.Reservations.SelectMany(r => r.Instances).Select(i => i.InstanceId));
        Assert.Equal("InvalidInstanceID.NotFound", unknown.ErrorCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal("The instance ID 'i-0123456789abcdef0' does not exist", unknown.Message);
        Assert.False(string.IsNullOrEmpty(unknown.RequestId));
        Assert.Equal("InvalidInstanceID.Malformed", malformed.ErrorCode);
    }

    [Fact]
    public async Task Pages_of_five_cover_every_instance_once()
    {
        using var ec2 = fixture.Ec2();
        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await ec2.DescribeInstancesAsync(new DescribeInstancesRequest { MaxResults = 5, NextToken = token });
            seen.AddRange(page.Reservations.SelectMany(r => r.Instances).Select(i => i.InstanceId));
            token = page.NextToken;
            pages++;
        }
        while (token is not null && pages < 10);

        Assert.Equal(2, pages);
        Assert.Equal(Sim.Instances.Select(i => i.InstanceId), seen);
    }

    [Fact]
    public async Task The_paginator_of_the_SDK_walks_the_pages()
    {
        using var ec2 = fixture.Ec2();
        var ids = new List<string>();

        await foreach (var reservation in ec2.Paginators.DescribeInstances(new DescribeInstancesRequest { MaxResults = 5 }).Reservations)
        {
            ids.AddRange(reservation.Instances.Select(i => i.InstanceId));
        }

        Assert.Equal(Sim.Instances.Select(i => i.InstanceId), ids);
    }

    [Theory]
    [InlineData("no-such-filter", "InvalidParameterValue")]
    [InlineData("max-results-4", "InvalidParameterValue")]
    [InlineData("max-results-with-ids", "InvalidParameterCombination")]
    [InlineData("bad-token", "InvalidPaginationToken")]
    public async Task Invalid_requests_get_EC2s_error_codes(string problem, string errorCode)
    {
        using var ec2 = fixture.Ec2();
        var request = problem switch
        {
            "no-such-filter" => new DescribeInstancesRequest { Filters = [new Filter("colour", ["blue"])] },
            "max-results-4" => new DescribeInstancesRequest { MaxResults = 4 },
            "max-results-with-ids" => new DescribeInstancesRequest { MaxResults = 5, InstanceIds = [Sim.Instance("web-1").InstanceId] },
            _ => new DescribeInstancesRequest { NextToken = "not-a-token" },
        };

        var error = await Assert.ThrowsAsync<AmazonEC2Exception>(() => ec2.DescribeInstancesAsync(request));

        Assert.Equal(errorCode, error.ErrorCode);
        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
    }

    [Fact]
    public async Task DryRun_answers_that_the_request_would_have_succeeded()
    {
        using var ec2 = fixture.Ec2();

        var error = await Assert.ThrowsAsync<AmazonEC2Exception>(() => ec2.DescribeInstancesAsync(new DescribeInstancesRequest { DryRun = true }));

        Assert.Equal("DryRunOperation", error.ErrorCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, error.StatusCode);
    }

    private static async Task<string[]> NamesAsync(AmazonEC2Client ec2, params Filter[] filters)
    {
        var response = await ec2.DescribeInstancesAsync(new DescribeInstancesRequest { Filters = [.. filters] });

        // SDK v4 leaves collections null when the answer has none (as real EC2's empty <reservationSet/>).
        return [.. (response.Reservations ?? []).SelectMany(r => r.Instances).Select(i => i.Tags.Single(t => t.Key == "Name").Value)];
    }

    private static async Task<Instance> SingleAsync(AmazonEC2Client ec2, string instanceId)
    {
        var response = await ec2.DescribeInstancesAsync(new DescribeInstancesRequest { InstanceIds = [instanceId] });
        return Assert.Single(Assert.Single(response.Reservations).Instances);
    }
}
