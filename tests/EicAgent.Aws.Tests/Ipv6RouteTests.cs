using EicAgent.Aws.Errors;
using EicAgent.Aws.Instances;
using EicAgent.Aws.Listing;
using EicAgent.Aws.Paths;
using EicAgent.Aws.Scopes;
using EicAgent.Aws.Tunnels;
using Xunit;

namespace EicAgent.Aws.Tests;

/// <summary>
/// Instances of IPv6-only and dual-stack subnets, and endpoints of each IpAddressType: which endpoint a tunnel
/// takes, which address it asks for, and when a connection goes to the IPv6 address directly.
/// </summary>
public sealed class Ipv6RouteTests
{
    private const string Ipv6 = "2600:1f18:5cb5:3200:fff9:6ea:f5b8:67a4";
    private static readonly AwsScopeInfo Scope = new("prod", "eu-west-1");

    private static readonly Ec2Instance Ipv6Only = new()
    {
        InstanceId = "i-0123456789abcdef6",
        Name = "v6-1",
        State = Ec2InstanceState.Running,
        VpcId = "vpc-1",
        SubnetId = "subnet-b",
        Ipv6Address = Ipv6,
    };

    private static readonly Ec2Instance DualStack = Ipv6Only with { PrivateIpAddress = "10.0.1.5" };

    [Fact]
    public void An_ipv6_only_instance_takes_a_dualstack_endpoint_over_an_ipv4_one_in_its_own_subnet_and_asks_for_its_ipv6_address()
    {
        var chosen = ConnectEndpointChooser.Choose([Endpoint("eice-v4", "subnet-b", "ipv4"), Endpoint("eice-ds", "subnet-a", "dualstack")], Ipv6Only, null, Scope);

        Assert.Equal("eice-ds", chosen.EndpointId);
        Assert.Equal(Ipv6, RoutePlanner.TunnelTarget(Ipv6Only, chosen));
    }

    [Theory]
    [InlineData("ipv4", "10.0.1.5")]
    [InlineData("dualstack", "10.0.1.5")]
    [InlineData("ipv6", Ipv6)]
    public void A_dual_stack_instance_is_reached_at_the_address_the_endpoint_type_reaches(string type, string target) =>
        Assert.Equal(target, RoutePlanner.TunnelTarget(DualStack, Endpoint("eice-a", "subnet-b", type)));

    [Fact]
    public void An_ipv4_only_instance_is_not_reached_through_an_ipv6_endpoint() =>
        Assert.Null(RoutePlanner.TunnelTarget(DualStack with { Ipv6Address = null }, Endpoint("eice-a", "subnet-b", "ipv6")));

    [Fact]
    public void An_explicit_ipv4_endpoint_for_an_ipv6_only_instance_is_a_clear_error()
    {
        var error = Assert.Throws<EicAwsException>(() => ConnectEndpointChooser.Choose([Endpoint("eice-v4", "subnet-b", "ipv4")], Ipv6Only, "eice-v4", Scope));

        Assert.Equal("EC2 Instance Connect Endpoint eice-v4 is ipv4 and i-0123456789abcdef6 (v6-1) has no private IPv4 address", error.Message);
    }

    [Fact]
    public void Only_ipv4_endpoints_for_an_ipv6_only_instance_say_to_create_a_dualstack_one()
    {
        var error = Assert.Throws<EicAwsException>(() => ConnectEndpointChooser.Choose([Endpoint("eice-v4", "subnet-b", "ipv4")], Ipv6Only, null, Scope));

        Assert.Equal(EicAwsErrorKind.NoRoute, error.Kind);
        Assert.StartsWith("EC2 Instance Connect Endpoint eice-v4 is ipv4 and i-0123456789abcdef6 (v6-1) has no private IPv4 address: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("`aws ec2 create-instance-connect-endpoint --subnet-id subnet-b --ip-address-type dualstack --region eu-west-1 --profile prod`", error.Message);
    }

    [Fact]
    public void Via_direct_goes_to_the_ipv6_address_when_there_is_no_public_ipv4_one()
    {
        var route = RoutePlanner.Plan(DualStack, NetworkPath.Direct, 22);

        Assert.Equal(new TcpRoute(Ipv6, 22), route);
        Assert.Equal($"[{Ipv6}]:22", route.ToString());
        Assert.Equal(new TcpRoute("1.2.3.4", 22), RoutePlanner.Plan(DualStack with { PublicIpAddress = "1.2.3.4" }, NetworkPath.Direct, 22));
    }

    [Fact]
    public void In_auto_direct_means_public_ipv4_and_the_ipv6_address_comes_only_after_every_other_path()
    {
        Assert.Throws<EicAwsException>(() => RoutePlanner.Plan(DualStack, NetworkPath.Direct, 22, inAuto: true));

        Assert.Equal(new TcpRoute(Ipv6, 22), RoutePlanner.Ipv6Fallback(Ipv6Only, AutoRoutes.Default, 22));
        Assert.Null(RoutePlanner.Ipv6Fallback(Ipv6Only, [NetworkPath.Eice, NetworkPath.Ssm], 22));
        Assert.Null(RoutePlanner.Ipv6Fallback(Ipv6Only with { Ipv6Address = null, PrivateIpAddress = "10.0.1.5" }, AutoRoutes.Default, 22));
    }

    [Fact]
    public void Via_private_takes_the_ipv6_address_of_an_ipv6_only_instance() =>
        Assert.Equal(new TcpRoute(Ipv6, 22), RoutePlanner.Plan(Ipv6Only, NetworkPath.Private, 22));

    [Fact]
    public void Dual_stack_settings_pick_the_endpoints_dual_stack_names_where_ec2_reported_them()
    {
        var endpoint = Endpoint("eice-a", "subnet-b", "dualstack") with { DualStackDnsName = "eice-a.api.aws", DualStackFipsDnsName = "eice-a.fips.api.aws" };

        Assert.Equal("eice-a.example", endpoint.HostName(useFips: false, useDualStack: false));
        Assert.Equal("eice-a.api.aws", endpoint.HostName(useFips: false, useDualStack: true));
        Assert.Equal("eice-a.fips.api.aws", endpoint.HostName(useFips: true, useDualStack: true));
        Assert.Equal("eice-a.example", Endpoint("eice-a", "subnet-b", "ipv4").HostName(useFips: false, useDualStack: true));
    }

    [Fact]
    public void Ls_and_doctor_say_the_endpoint_reaches_the_ipv6_address_or_that_it_is_tried_directly()
    {
        var throughEndpoint = NetworkPathAdvice.For(Ipv6Only, [Endpoint("eice-v4", "subnet-b", "ipv4"), Endpoint("eice-ds", "subnet-a", "dualstack")]);
        var direct = NetworkPathAdvice.For(Ipv6Only, [Endpoint("eice-v4", "subnet-b", "ipv4")]);

        Assert.Equal((PathKind.Endpoint, $"no public address; eice-ds in vpc-1 (dualstack) to its IPv6 address {Ipv6}"), (throughEndpoint.Kind, throughEndpoint.Reason));
        Assert.Equal((PathKind.Direct, $"no public IPv4 address and no Instance Connect Endpoint that reaches it; IPv6 address {Ipv6}"), (direct.Kind, direct.Reason));
    }

    private static ConnectEndpoint Endpoint(string id, string subnet, string type) =>
        new(id, "vpc-1", subnet, "create-complete", $"{id}.example", $"{id}.fips.example") { IpAddressType = type };
}
