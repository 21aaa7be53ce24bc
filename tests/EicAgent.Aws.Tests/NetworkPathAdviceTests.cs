using EicAgent.Aws.Instances;
using EicAgent.Aws.Listing;
using EicAgent.Aws.Scopes;
using EicAgent.Aws.Tunnels;

namespace EicAgent.Aws.Tests;

/// <summary>`eic ls` and `eic doctor` say how eic would reach an instance with the rule and the endpoint a connection takes.</summary>
public sealed class NetworkPathAdviceTests
{
    private static readonly Ec2Instance PrivateOnly = new()
    {
        InstanceId = "i-0123456789abcdef0",
        State = Ec2InstanceState.Running,
        VpcId = "vpc-1",
        SubnetId = "subnet-b",
        PrivateIpAddress = "10.0.1.5",
    };

    [Fact]
    public void The_advised_endpoint_is_the_one_a_connection_chooses()
    {
        ConnectEndpoint[] endpoints =
        [
            Endpoint("eice-other-vpc", "vpc-2", "subnet-b"), Endpoint("eice-a", "vpc-1", "subnet-a"), Endpoint("eice-b", "vpc-1", "subnet-b"),
        ];

        var advice = NetworkPathAdvice.For(PrivateOnly, endpoints);
        var connection = ConnectEndpointChooser.Choose([.. endpoints.Where(e => e.VpcId == "vpc-1")], PrivateOnly, null, new AwsScopeInfo(null, "eu-west-1"));

        Assert.Equal(PathKind.Endpoint, advice.Kind);
        Assert.Equal(connection.EndpointId, advice.Endpoint?.EndpointId);
        Assert.Equal("eice-b", advice.Endpoint?.EndpointId);
    }

    [Fact]
    public void An_endpoint_being_updated_still_carries_tunnels_and_one_being_created_does_not()
    {
        var updating = NetworkPathAdvice.For(PrivateOnly, [Endpoint("eice-a", "vpc-1", "subnet-a", "update-in-progress")]);
        var creating = NetworkPathAdvice.For(PrivateOnly, [Endpoint("eice-a", "vpc-1", "subnet-a", "create-in-progress")]);

        Assert.Equal(PathKind.Endpoint, updating.Kind);
        Assert.Equal(PathKind.None, creating.Kind);
        Assert.Null(creating.Endpoint);
    }

    [Fact]
    public void Without_an_endpoint_session_manager_serves_and_without_either_the_reason_says_why()
    {
        Assert.Equal(PathKind.Ssm, NetworkPathAdvice.For(PrivateOnly, [], ssmOnline: true).Kind);
        Assert.Equal("no public address and no Instance Connect Endpoint in vpc-1", NetworkPathAdvice.For(PrivateOnly, []).Reason);
        Assert.Contains("DescribeInstanceConnectEndpoints was refused", NetworkPathAdvice.For(PrivateOnly, null).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_public_address_wins_over_any_endpoint()
    {
        var advice = NetworkPathAdvice.For(PrivateOnly with { PublicIpAddress = "203.0.113.7" }, [Endpoint("eice-b", "vpc-1", "subnet-b")]);

        Assert.Equal(PathKind.Direct, advice.Kind);
        Assert.Null(advice.Endpoint);
    }

    private static ConnectEndpoint Endpoint(string id, string vpc, string subnet, string state = "create-complete") =>
        new(id, vpc, subnet, state, $"{id}.example", null);
}
