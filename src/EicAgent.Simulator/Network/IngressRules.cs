using System.Net;
using System.Net.Sockets;
using EicAgent.Simulator.Fleet;

namespace EicAgent.Simulator.Network;

/// <summary>Whether a VPC's security groups let a TCP connection in, as EC2 decides: any inbound rule of any group admits it.</summary>
internal static class IngressRules
{
    /// <summary>
    /// True when a rule of <paramref name="groups"/> covers TCP <paramref name="port"/> and names the source: a CIDR holding
    /// <paramref name="sourceAddress"/> (null: a source with no address of ours), or a group the source is a member of.
    /// </summary>
    public static bool Admit(IEnumerable<SecurityGroupDefinition> groups, int port, IPAddress? sourceAddress, IReadOnlyCollection<string> sourceGroupIds) =>
        groups.SelectMany(g => g.Inbound).Any(rule => CoversTcp(rule, port)
            && (rule.Cidrs.Any(cidr => Contains(cidr, sourceAddress))
                || rule.SourceGroupIds.Any(sourceGroupIds.Contains)));

    private static bool CoversTcp(InboundRule rule, int port) => rule.Protocol switch
    {
        "-1" => true,
        "tcp" => rule.FromPort <= port && port <= rule.ToPort,
        _ => false,
    };

    // A source without an address of ours (an endpoint's interface) is an IPv4 address that only 0.0.0.0/0 holds for sure.
    private static bool Contains(string cidr, IPAddress? address)
    {
        if (!IPNetwork.TryParse(cidr, out var network))
        {
            return false;
        }

        if (address is null)
        {
            return network.PrefixLength == 0 && network.BaseAddress.AddressFamily == AddressFamily.InterNetwork;
        }

        return network.Contains(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);
    }
}
