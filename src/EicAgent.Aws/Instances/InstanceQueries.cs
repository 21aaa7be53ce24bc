using System.Net;

namespace EicAgent.Aws.Instances;

/// <summary>
/// Which DescribeInstances filters find a target of each kind. Some kinds need two tries (an IPv4 address may be
/// private or public: filters AND, so one call cannot ask for either); the likelier one goes first.
/// </summary>
internal static class InstanceQueries
{
    public static IReadOnlyList<IReadOnlyList<Ec2Filter>> For(string target, TargetKind kind) => kind switch
    {
        TargetKind.InstanceId => [[new("instance-id", target)]],
        TargetKind.Ipv4 when LooksPrivate(target) => [[new("private-ip-address", target)], [new("ip-address", target)]],
        TargetKind.Ipv4 => [[new("ip-address", target)], [new("private-ip-address", target)]],
        TargetKind.Ipv6 => [[new("ipv6-address", target)]],
        TargetKind.PublicDnsName => [[new("dns-name", target.ToLowerInvariant())]],
        TargetKind.PrivateDnsName => [[new("private-dns-name", target.ToLowerInvariant())]],
        _ => [[new("tag:Name", target)]],
    };

    /// <summary>What the target was, in words, for messages: "Name tag 'web-1'", "private IP 10.0.0.5".</summary>
    public static string Describe(string target, TargetKind kind) => kind switch
    {
        TargetKind.InstanceId => $"instance {target}",
        TargetKind.Ipv4 or TargetKind.Ipv6 => $"IP address {target}",
        TargetKind.PublicDnsName or TargetKind.PrivateDnsName => $"DNS name {target}",
        _ => $"Name tag '{target}'",
    };

    private static bool LooksPrivate(string address)
    {
        var bytes = IPAddress.Parse(address).GetAddressBytes();
        return bytes[0] == 10
            || (bytes[0] == 172 && bytes[1] >= 16 && bytes[1] <= 31)
            || (bytes[0] == 192 && bytes[1] == 168)
            || (bytes[0] == 100 && bytes[1] >= 64 && bytes[1] <= 127);
    }
}
