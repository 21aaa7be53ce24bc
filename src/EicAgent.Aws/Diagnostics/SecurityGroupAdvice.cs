namespace EicAgent.Aws.Diagnostics;

/// <summary>Whether an instance's security groups let a path reach sshd, and the rule (or its absence) that decides it.</summary>
public sealed record SecurityGroupVerdict(bool Allows, string Detail);

/// <summary>
/// Reads the inbound rules of an instance's security groups for sshd's port: direct to the public IPv4 address needs a
/// rule from the internet (0.0.0.0/0, or some CIDRs the caller must be in), direct to the IPv6 address the same in
/// IPv6 (::/0; an IPv4 rule does not let an IPv6 connection in, nor the reverse); through an EC2 Instance
/// Connect Endpoint, a rule from the endpoint's security group (or a CIDR holding its address).
/// </summary>
public static class SecurityGroupAdvice
{
    public const int SshPort = 22;

    /// <param name="ipv6">The connection goes to the instance's IPv6 address (it has no public IPv4 one).</param>
    public static SecurityGroupVerdict ForDirect(IReadOnlyList<SecurityGroup> groups, bool ipv6 = false)
    {
        ArgumentNullException.ThrowIfNull(groups);
        var anywhere = ipv6 ? "::/0" : "0.0.0.0/0";
        var all = SshRules(groups);
        var ssh = all.Select(r => (r.Group, Rule: r.Rule with { AddressRanges = [.. r.Rule.AddressRanges.Where(c => !IsOtherFamily(c, ipv6))] })).ToArray();
        if (ssh.FirstOrDefault(r => r.Rule.AddressRanges.Contains(anywhere)) is { Group: not null } open)
        {
            return new(true, $"{open.Group.Describe()} allows tcp {SshPort} from {anywhere}");
        }

        if (FromCidrs(ssh) is { } cidrs)
        {
            return new(true, $"{cidrs} only from {CidrsOf(ssh)}: your address must be in it");
        }

        return FromCidrs(all) is { } otherFamily
            ? new(false, $"{otherFamily} only from {CidrsOf(all)}, which an {(ipv6 ? "IPv6" : "IPv4")} connection is not in: connections time out")
            : new(false, Blocked(groups, ssh, "which a connection from the internet is not in"));
    }

    // A prefix list (pl-...) may hold either family.
    private static bool IsOtherFamily(string cidr, bool ipv6) =>
        ipv6 ? cidr.Contains('.', StringComparison.Ordinal) : cidr.Contains(':', StringComparison.Ordinal);

    public static SecurityGroupVerdict ForEndpoint(IReadOnlyList<SecurityGroup> groups, IReadOnlyList<string> endpointGroupIds)
    {
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(endpointGroupIds);
        var ssh = SshRules(groups);
        if (ssh.FirstOrDefault(r => r.Rule.SourceGroupIds.Any(endpointGroupIds.Contains)) is { Group: not null } fromEndpoint)
        {
            var source = fromEndpoint.Rule.SourceGroupIds.First(endpointGroupIds.Contains);
            return new(true, $"{fromEndpoint.Group.Describe()} allows tcp {SshPort} from the endpoint's security group {source}");
        }

        var endpointGroups = endpointGroupIds.Count == 0 ? "the endpoint has none" : $"not the endpoint's {string.Join(", ", endpointGroupIds)}";
        return FromCidrs(ssh) is { } cidrs
            ? new(true, $"{cidrs} from {CidrsOf(ssh)}: it must include the endpoint's address")
            : new(false, Blocked(groups, ssh, endpointGroups));
    }

    private static (SecurityGroup Group, InboundRule Rule)[] SshRules(IReadOnlyList<SecurityGroup> groups) =>
        [.. groups.SelectMany(group => group.Inbound.Where(rule => rule.AllowsTcpPort(SshPort)).Select(rule => (group, rule)))];

    /// <summary>"sg-0abc (web) allows tcp 22" for the groups whose rules open the port to some CIDRs; null when none does.</summary>
    private static string? FromCidrs((SecurityGroup Group, InboundRule Rule)[] ssh)
    {
        var fromCidrs = ssh.Where(r => r.Rule.AddressRanges.Count > 0).ToArray();
        return fromCidrs.Length == 0 ? null : Allow(fromCidrs);
    }

    private static string Allow((SecurityGroup Group, InboundRule Rule)[] rules)
    {
        var groups = rules.Select(r => r.Group).Distinct().ToArray();
        return $"{Names(groups)} {(groups.Length == 1 ? "allows" : "allow")} tcp {SshPort}";
    }

    private static string CidrsOf((SecurityGroup Group, InboundRule Rule)[] ssh) =>
        string.Join(", ", ssh.SelectMany(r => r.Rule.AddressRanges).Distinct());

    private static string Blocked(IReadOnlyList<SecurityGroup> groups, (SecurityGroup Group, InboundRule Rule)[] ssh, string notThePath)
    {
        if (groups.Count == 0)
        {
            return "the instance is in no security group that could be read";
        }

        var sources = ssh.SelectMany(r => r.Rule.SourceGroupIds).Distinct().ToArray();
        return sources.Length > 0
            ? $"{Allow(ssh)} only from security group {string.Join(", ", sources)}, {notThePath}"
            : $"no inbound rule of {Names(groups)} allows tcp {SshPort}: connections time out";
    }

    private static string Names(IEnumerable<SecurityGroup> groups) => string.Join(", ", groups.Select(group => group.Describe()));
}
