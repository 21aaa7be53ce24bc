using System.Globalization;
using System.Net;
using EicAgent.Simulator.Fleet;
using EicAgent.Simulator.Http;

namespace EicAgent.Simulator.Ec2;

/// <summary>
/// The permissions of Authorize/RevokeSecurityGroupIngress in EC2's query encoding: IpPermissions.N.IpProtocol,
/// .FromPort, .ToPort, .IpRanges.M.CidrIp, .Ipv6Ranges.M.CidrIpv6, .Groups.M.GroupId; or the older flat IpProtocol,
/// FromPort, ToPort, CidrIp. Each becomes one <see cref="InboundRule"/>, validated with EC2's messages.
/// </summary>
internal static class IpPermissions
{
    public static IReadOnlyList<InboundRule> Read(QueryParameters parameters)
    {
        var indexes = parameters.Indexes("IpPermissions", ".IpProtocol");
        if (indexes.Count > 0)
        {
            return indexes.Select(n => Rule(
                parameters[$"IpPermissions.{n}.IpProtocol"]!,
                parameters.Int($"IpPermissions.{n}.FromPort"),
                parameters.Int($"IpPermissions.{n}.ToPort"),
                [.. parameters.List($"IpPermissions.{n}.IpRanges", ".CidrIp"), .. parameters.List($"IpPermissions.{n}.Ipv6Ranges", ".CidrIpv6")],
                parameters.List($"IpPermissions.{n}.Groups", ".GroupId"))).ToArray();
        }

        if (parameters["IpProtocol"] is { } protocol)
        {
            return [Rule(protocol, parameters.Int("FromPort"), parameters.Int("ToPort"), parameters["CidrIp"] is { } cidr ? [cidr] : [], [])];
        }

        throw Ec2Errors.MissingParameter("ipPermissions");
    }

    /// <summary>How EC2 names a rule in its Duplicate message: peer: 0.0.0.0/0, TCP, from port: 22, to port: 22, ALLOW.</summary>
    public static string Describe(InboundRule rule, string peer) => rule.Protocol == "-1"
        ? $"peer: {peer}, ALL, ALLOW"
        : $"peer: {peer}, {rule.Protocol.ToUpperInvariant()}, from port: {rule.FromPort}, to port: {rule.ToPort}, ALLOW";

    private static InboundRule Rule(string protocol, int? from, int? to, IReadOnlyList<string> cidrs, IReadOnlyList<string> groups)
    {
        var name = protocol.ToLowerInvariant() switch
        {
            "tcp" or "6" => "tcp",
            "udp" or "17" => "udp",
            "icmp" or "1" => "icmp",
            "-1" or "all" => "-1",
            _ => throw Ec2Errors.InvalidParameterValue($"Invalid value '{protocol}' for IP protocol. Unknown protocol."),
        };
        if (name is "tcp" or "udp" && (from is null || to is null || from < 0 || to > 65535 || from > to))
        {
            throw Ec2Errors.InvalidParameterValue(
                $"Invalid value for portRange. Must specify both from and to ports with TCP/UDP (from {Text(from)}, to {Text(to)}).");
        }

        foreach (var cidr in cidrs.Where(c => !IPNetwork.TryParse(c, out _)))
        {
            throw Ec2Errors.InvalidParameterValue($"Value ({cidr}) for parameter cidrIp is invalid. This is not a valid CIDR block.");
        }

        if (cidrs.Count == 0 && groups.Count == 0)
        {
            throw new ApiException("MissingParameter", "No source specified: give an IP range (CidrIp) or a security group (GroupId).");
        }

        return name == "-1"
            ? new InboundRule { Protocol = name, Cidrs = cidrs, SourceGroupIds = groups }
            : new InboundRule { Protocol = name, FromPort = from, ToPort = to, Cidrs = cidrs, SourceGroupIds = groups };
    }

    private static string Text(int? port) => port?.ToString(CultureInfo.InvariantCulture) ?? "none";
}
