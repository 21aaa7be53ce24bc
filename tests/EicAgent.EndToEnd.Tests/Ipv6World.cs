using EicAgent.Simulator;
using EicAgent.Simulator.Fleet;
using EicAgent.Simulator.Policy;

namespace EicAgent.EndToEnd.Tests;

/// <summary>
/// An <see cref="EicWorld"/> with an instance of an IPv6-only subnet: v6-1 in db-1's VPC and subnet reports only an
/// IPv6 address. The VPC's endpoint in that subnet is ipv4 (it cannot reach v6-1); a dualstack one sits in another
/// subnet, so only an endpoint choice that looks at IpAddressType reaches v6-1. v6-2, IPv6-only in a VPC whose endpoint
/// is ipv4 and outside Session Manager, has only its IPv6 address (in 2001:db8::/32, which no network routes) left.
/// </summary>
public sealed class Ipv6World : EicWorld
{
    public const string Ipv6Only = "v6-1";
    public const string Ipv6Address = "2600:1f18:5cb5:3200::6";
    public const string DualStackEndpointId = "eice-0a1b2c3d4e5f6c0d6";
    public const string Unreachable = "v6-2";
    public const string UnreachableIpv6Address = "2001:db8::62";

    // Session Manager readable, so that "not online there" is known rather than refused.
    protected override AccessPolicy Policy => AccessPolicy.Allow([.. PushStatements, new PolicyStatement([SimulatedCaller.Default.Arn], ["ssm:*"], ["*"], ["*"])]);

    protected override FleetDefinition Fleet
    {
        get
        {
            var fleet = FleetDefinition.Default;
            var db1 = fleet.Instances.Single(i => i.Name == "db-1");
            var ipv4Endpoint = fleet.ConnectEndpoints.Single(e => e.VpcId == db1.VpcId);
            var v6 = db1 with
            {
                InstanceId = "i-0a1b2c3d4e5f0000a",
                Tags = new Dictionary<string, string> { ["Name"] = Ipv6Only },
                PrivateAddress = 120,
                Ipv6Only = true,
                Ipv6Address = Ipv6Address,
            };
            var worker = fleet.Instances.First(i => i.Name == "worker");
            var v6Alone = worker with
            {
                InstanceId = "i-0a1b2c3d4e5f0000b",
                Tags = new Dictionary<string, string> { ["Name"] = Unreachable },
                PublicAddress = null,
                PrivateAddress = 121,
                Ipv6Only = true,
                Ipv6Address = UnreachableIpv6Address,
                SsmPingStatus = null,
            };
            var dualStack = ipv4Endpoint with { EndpointId = DualStackEndpointId, SubnetId = "subnet-0a1b2c3d4e5f6c032", IpAddressType = "dualstack" };
            return fleet with { Instances = [.. fleet.Instances, v6, v6Alone], ConnectEndpoints = [.. fleet.ConnectEndpoints, dualStack] };
        }
    }
}
