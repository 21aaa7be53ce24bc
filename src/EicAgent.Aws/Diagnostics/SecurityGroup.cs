namespace EicAgent.Aws.Diagnostics;

/// <summary>One security group as DescribeSecurityGroups reports it, inbound rules only.</summary>
public sealed record SecurityGroup(string GroupId, string? GroupName, IReadOnlyList<InboundRule> Inbound)
{
    /// <summary>"sg-0abc (web)", or the id alone for a group without a name.</summary>
    public string Describe() => string.IsNullOrEmpty(GroupName) ? GroupId : $"{GroupId} ({GroupName})";
}

/// <summary>
/// One inbound permission: protocol ("tcp", "6", or "-1" for all traffic), port range (none for "-1"), and where
/// from: address ranges (IPv4 and IPv6 CIDRs, and managed prefix lists, pl-...) and source security group ids.
/// </summary>
public sealed record InboundRule(string Protocol, int? FromPort, int? ToPort, IReadOnlyList<string> AddressRanges, IReadOnlyList<string> SourceGroupIds)
{
    public bool AllowsTcpPort(int port) =>
        Protocol == "-1" || (Protocol is "tcp" or "6" && FromPort <= port && port <= ToPort);
}
