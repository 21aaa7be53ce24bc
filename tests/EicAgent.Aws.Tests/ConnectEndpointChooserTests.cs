using EicAgent.Aws.Errors;
using EicAgent.Aws.Instances;
using EicAgent.Aws.Paths;
using EicAgent.Aws.Scopes;
using EicAgent.Aws.Tunnels;
using Xunit;

namespace EicAgent.Aws.Tests;

public sealed class ConnectEndpointChooserTests
{
    private static readonly AwsScopeInfo Scope = new("prod", "eu-west-1");

    private static readonly Ec2Instance PrivateOnly = new()
    {
        InstanceId = "i-0123456789abcdef0",
        Name = "db-1",
        State = Ec2InstanceState.Running,
        VpcId = "vpc-1",
        SubnetId = "subnet-b",
        PrivateIpAddress = "10.0.1.5",
    };

    [Fact]
    public void The_endpoint_in_the_instance_subnet_is_preferred_over_the_first_in_the_vpc()
    {
        var chosen = ConnectEndpointChooser.Choose([Endpoint("eice-a", "subnet-a"), Endpoint("eice-b", "subnet-b")], PrivateOnly, null, Scope);

        Assert.Equal("eice-b", chosen.EndpointId);
    }

    [Fact]
    public void Without_one_in_its_subnet_the_first_usable_endpoint_of_the_vpc_is_chosen()
    {
        var chosen = ConnectEndpointChooser.Choose(
            [Endpoint("eice-new", "subnet-b", "create-in-progress"), Endpoint("eice-a", "subnet-a"), Endpoint("eice-c", "subnet-c")], PrivateOnly, null, Scope);

        Assert.Equal("eice-a", chosen.EndpointId);
    }

    [Theory]
    [InlineData("create-complete", true)]
    [InlineData("update-in-progress", true)]
    [InlineData("update-complete", true)]
    [InlineData("create-in-progress", false)]
    [InlineData("create-failed", false)]
    [InlineData("delete-complete", false)]
    public void Only_created_or_updating_endpoints_carry_tunnels(string state, bool usable) =>
        Assert.Equal(usable, Endpoint("eice-a", "subnet-a", state).IsUsable);

    [Fact]
    public void An_explicit_endpoint_id_wins_over_the_subnet_preference()
    {
        var chosen = ConnectEndpointChooser.Choose([Endpoint("eice-a", "subnet-a"), Endpoint("eice-b", "subnet-b")], PrivateOnly, "eice-a", Scope);

        Assert.Equal("eice-a", chosen.EndpointId);
    }

    [Fact]
    public void An_explicit_endpoint_id_outside_the_vpc_is_a_clear_error()
    {
        var error = Assert.Throws<EicAwsException>(() => ConnectEndpointChooser.Choose([Endpoint("eice-a", "subnet-a")], PrivateOnly, "eice-zzz", Scope));

        Assert.Equal("EC2 Instance Connect Endpoint eice-zzz is not in vpc-1, the VPC of i-0123456789abcdef0 (db-1)", error.Message);
    }

    [Fact]
    public void No_usable_endpoint_says_which_one_to_create_and_which_flag_to_use()
    {
        var error = Assert.Throws<EicAwsException>(() => ConnectEndpointChooser.Choose([Endpoint("eice-a", "subnet-a", "create-failed")], PrivateOnly, null, Scope));

        Assert.Equal(EicAwsErrorKind.NoRoute, error.Kind);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Contains("(eice-a is create-failed)", error.Message);
        Assert.Contains("`aws ec2 create-instance-connect-endpoint --subnet-id subnet-b --region eu-west-1 --profile prod`", error.Message);
        Assert.Contains("--via private", error.Message);
    }

    [Fact]
    public void The_fips_dns_name_is_used_when_fips_is_on()
    {
        var endpoint = Endpoint("eice-a", "subnet-a");

        Assert.Equal("eice-a.fips.example", endpoint.HostName(useFips: true));
        Assert.Equal("eice-a.example", endpoint.HostName(useFips: false));
    }

    [Theory]
    [InlineData(NetworkPath.Auto, "1.2.3.4", false)]
    [InlineData(NetworkPath.Auto, null, true)]
    [InlineData(NetworkPath.Eice, "1.2.3.4", true)]
    [InlineData(NetworkPath.Direct, null, false)]
    [InlineData(NetworkPath.Private, null, false)]
    public void Auto_takes_the_endpoint_only_without_a_public_address_and_eice_always(NetworkPath path, string? publicIp, bool viaEndpoint)
    {
        var instance = PrivateOnly with { PublicIpAddress = publicIp };

        Assert.Equal(viaEndpoint, RoutePlanner.NeedsEndpoint(instance, path));
    }

    [Fact]
    public void Direct_to_an_instance_without_a_public_address_names_the_other_paths()
    {
        var error = Assert.Throws<EicAwsException>(() => RoutePlanner.Plan(PrivateOnly, NetworkPath.Direct, 22));

        Assert.Contains("has no public address: use --via eice", error.Message);
    }

    private static ConnectEndpoint Endpoint(string id, string subnet, string state = "create-complete") =>
        new(id, "vpc-1", subnet, state, $"{id}.example", $"{id}.fips.example");
}
