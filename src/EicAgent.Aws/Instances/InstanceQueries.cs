using System.Net;

namespace EicAgent.Aws.Instances;

/// <summary>One DescribeInstances try: its filter, and which of the instances it returns are matches (all when null).</summary>
internal sealed record InstanceQuery(Ec2Filter Filter, Func<Ec2Instance, bool>? Keep = null);

/// <summary>
/// Which DescribeInstances filters find a target of each kind. Some kinds need two tries (an IPv4 address may be
/// private or public: filters AND, so one call cannot ask for either); the likelier one goes first.
/// </summary>
internal static class InstanceQueries
{
    public static IReadOnlyList<InstanceQuery> For(string target, TargetKind kind) => kind switch
    {
        TargetKind.InstanceId => [Exactly("instance-id", target)],
        TargetKind.Ipv4 when LooksPrivate(target) => [Exactly("private-ip-address", target), Exactly("ip-address", target)],
        TargetKind.Ipv4 => [Exactly("ip-address", target), Exactly("private-ip-address", target)],
        TargetKind.Ipv6 => [Exactly("ipv6-address", target)],
        TargetKind.PublicDnsName => [Exactly("dns-name", target.ToLowerInvariant())],
        TargetKind.PrivateDnsName => [Exactly("private-dns-name", target.ToLowerInvariant())],
        _ when target.Any(char.IsLetter) => [Exactly("tag:Name", target), NameInAnyCase(target)],
        _ => [Exactly("tag:Name", target)],
    };

    /// <summary>
    /// ssh lowercases the host it is given, so `ssh WebProd.eic` arrives as "webprod". Tag filters are
    /// case-sensitive, so when the exact Name finds nothing this asks for the Names of the same shape -- each letter
    /// a '?' wildcard -- and keeps those equal but for case.
    /// </summary>
    private static InstanceQuery NameInAnyCase(string name)
    {
        var shape = string.Concat(name.Select(c => char.IsLetter(c) ? "?" : Literal(c.ToString())));
        return new InstanceQuery(new Ec2Filter("tag:Name", shape), instance => string.Equals(instance.Name, name, StringComparison.OrdinalIgnoreCase));
    }

    private static InstanceQuery Exactly(string filter, string value) => new(new Ec2Filter(filter, Literal(value)));

    /// <summary>
    /// EC2 filter values are patterns: '*' matches any run, '?' one character, and a backslash makes the next one
    /// literal. A name typed by the user means exactly that name, so `ssh 'w*1.eic'` must not reach web-1.
    /// </summary>
    internal static string Literal(string value) =>
        string.Concat(value.Select(c => c is '*' or '?' or '\\' ? $"\\{c}" : c.ToString()));

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
