using EicAgent.Simulator;
using EicAgent.Simulator.Fleet;
using EicAgent.Simulator.Policy;

namespace EicAgent.EndToEnd.Tests;

/// <summary>
/// An <see cref="EicWorld"/> with an instance of an IPv6-only subnet: v6-1 in db-1's VPC and subnet reports only an
/// IPv6 address. The VPC's endpoint in that subnet is ipv4 (it cannot reach v6-1); a dualstack one sits in another
/// subnet, so only an endpoint choice that looks at IpAddressType reaches v6-1. v6-2, IPv6-only in a VPC whose endpoint
/// is ipv4 and outside Session Manager, has only its IPv6 address (in 2001:db8::/32, which no network routes) left.
/// v6-3 is v6-2 with an IPv6 address in the simulator's own block, open to ::/0: as root it answers there, directly.
/// </summary>
public sealed class Ipv6World : EicWorld
{
    public const string Ipv6Only = "v6-1";
    public const string Ipv6Address = "2600:1f18:5cb5:3200::6";
    public const string DualStackEndpointId = "eice-0a1b2c3d4e5f6c0d6";
    public const string Unreachable = "v6-2";
    public const string UnreachableIpv6Address = "2001:db8::62";
    public const string Direct = "v6-3";
    public const string DirectId = "i-0a1b2c3d4e5f0000c";

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
            var v6Direct = v6Alone with
            {
                InstanceId = DirectId,
                Tags = new Dictionary<string, string> { ["Name"] = Direct },
                PrivateAddress = 122,
                Ipv6Address = null,
                Ipv6Host = 0x63,
            };
            var dualStack = ipv4Endpoint with { EndpointId = DualStackEndpointId, SubnetId = "subnet-0a1b2c3d4e5f6c032", IpAddressType = "dualstack" };
            return fleet with { Instances = [.. fleet.Instances, v6, v6Alone, v6Direct], ConnectEndpoints = [.. fleet.ConnectEndpoints, dualStack] };
        }
    }
}
