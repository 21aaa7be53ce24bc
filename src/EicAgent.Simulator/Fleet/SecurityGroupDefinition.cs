namespace EicAgent.Simulator.Fleet;

/// <summary>One VPC security group as DescribeSecurityGroups reports it (inbound rules only: egress is all traffic).</summary>
public sealed record SecurityGroupDefinition
{
    public required string GroupId { get; init; }

    public required string GroupName { get; init; }

    public required string VpcId { get; init; }

    public string Description { get; init; } = "";

    public IReadOnlyList<InboundRule> Inbound { get; init; } = [];
}

/// <summary>
/// One inbound permission: a protocol ("tcp", "udp", "icmp", or "-1" for all traffic), a port range (none for "-1"),
/// and where from: CIDRs (IPv4 or IPv6) and source security groups.
/// </summary>
public sealed record InboundRule
{
    public string Protocol { get; init; } = "tcp";

    public int? FromPort { get; init; }

    public int? ToPort { get; init; }

    public IReadOnlyList<string> Cidrs { get; init; } = [];

    public IReadOnlyList<string> SourceGroupIds { get; init; } = [];

    /// <summary>tcp 22 from the given CIDRs.</summary>
    public static InboundRule SshFrom(params IReadOnlyList<string> cidrs) => new() { FromPort = 22, ToPort = 22, Cidrs = cidrs };

    /// <summary>tcp 22 from members of the given security group.</summary>
    public static InboundRule SshFromGroup(string groupId) => new() { FromPort = 22, ToPort = 22, SourceGroupIds = [groupId] };
}
