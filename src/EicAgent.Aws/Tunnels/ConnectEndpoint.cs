namespace EicAgent.Aws.Tunnels;

/// <summary>One EC2 Instance Connect Endpoint as DescribeInstanceConnectEndpoints reports it.</summary>
public sealed record ConnectEndpoint(string EndpointId, string VpcId, string? SubnetId, string State, string DnsName, string? FipsDnsName)
{
    /// <summary>The security groups its connections come from (what an instance's inbound rules must let in).</summary>
    public IReadOnlyList<string> SecurityGroupIds { get; init; } = [];

    /// <summary>
    /// Which instance addresses its tunnels reach: "ipv4" (private IPv4 only, and what an endpoint that reports none
    /// is), "dualstack" (private IPv4 or IPv6) or "ipv6" (IPv6 only).
    /// </summary>
    public string IpAddressType { get; init; } = "ipv4";

    /// <summary>PublicDnsNames.Dualstack: names that clients reach over IPv4 or IPv6 (null when EC2 gave none).</summary>
    public string? DualStackDnsName { get; init; }

    public string? DualStackFipsDnsName { get; init; }

    /// <summary>create-complete and the update-* states carry tunnels; creating, failed or deleted endpoints do not.</summary>
    public bool IsUsable => State == "create-complete" || State.StartsWith("update-", StringComparison.Ordinal);

    public bool ReachesIpv4 => IpAddressType is "ipv4" or "dualstack";

    public bool ReachesIpv6 => IpAddressType is "dualstack" or "ipv6";

    /// <summary>
    /// The name the websocket connects to: FIPS and dual-stack as the caller's AWS settings ask
    /// (AWS_USE_FIPS_ENDPOINT, AWS_USE_DUALSTACK_ENDPOINT), each only where EC2 reported such a name.
    /// </summary>
    public string HostName(bool useFips, bool useDualStack = false) => (useFips, useDualStack) switch
    {
        (true, true) when DualStackFipsDnsName is { Length: > 0 } name => name,
        (false, true) when DualStackDnsName is { Length: > 0 } name => name,
        (true, _) when FipsDnsName is { Length: > 0 } fips => fips,
        _ => DnsName,
    };
}
