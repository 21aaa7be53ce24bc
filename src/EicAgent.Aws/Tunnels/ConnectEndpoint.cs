namespace EicAgent.Aws.Tunnels;

/// <summary>One EC2 Instance Connect Endpoint as DescribeInstanceConnectEndpoints reports it.</summary>
public sealed record ConnectEndpoint(string EndpointId, string VpcId, string? SubnetId, string State, string DnsName, string? FipsDnsName)
{
    /// <summary>create-complete and the update-* states carry tunnels; creating, failed or deleted endpoints do not.</summary>
    /// <summary>The security groups its connections come from (what an instance's inbound rules must let in).</summary>
    public IReadOnlyList<string> SecurityGroupIds { get; init; } = [];

    public bool IsUsable => State == "create-complete" || State.StartsWith("update-", StringComparison.Ordinal);

    public string HostName(bool useFips) => useFips && FipsDnsName is { Length: > 0 } fips ? fips : DnsName;
}
