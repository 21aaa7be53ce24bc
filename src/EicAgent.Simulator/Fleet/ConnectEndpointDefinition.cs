namespace EicAgent.Simulator.Fleet;

/// <summary>One EC2 Instance Connect Endpoint as DescribeInstanceConnectEndpoints reports it.</summary>
public sealed record ConnectEndpointDefinition
{
    public required string EndpointId { get; init; }

    public required string VpcId { get; init; }

    public required string SubnetId { get; init; }

    public required string AvailabilityZone { get; init; }

    public IReadOnlyList<string> SecurityGroupIds { get; init; } = [];

    public bool PreserveClientIp { get; init; }

    /// <summary>
    /// Which instance addresses its tunnels reach, as EC2's IpAddressType: "ipv4" (private IPv4), "dualstack" (private
    /// IPv4 or IPv6), "ipv6" (IPv6 only).
    /// </summary>
    public string IpAddressType { get; init; } = "ipv4";

    /// <summary>create-complete, or another EC2 state (create-in-progress, delete-complete...) to test endpoint choice.</summary>
    public string State { get; init; } = "create-complete";
}
