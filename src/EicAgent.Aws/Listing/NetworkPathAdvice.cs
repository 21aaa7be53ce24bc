using EicAgent.Aws.Instances;
using EicAgent.Aws.Paths;
using EicAgent.Aws.Tunnels;

namespace EicAgent.Aws.Listing;

/// <summary>How eic would reach an instance by default (`--via auto`).</summary>
public enum PathKind
{
    Direct,
    Endpoint,
    Ssm,
    None,
}

/// <summary>
/// The path and why, e.g. (Endpoint, "no public address; eice-0abc in vpc-0123"), with the endpoint it goes through.
/// The one answer `eic ls` and `eic doctor` give to "how would eic reach it".
/// </summary>
public sealed record NetworkPathAdvice(PathKind Kind, string Reason)
{
    /// <summary>The Instance Connect Endpoint a connection would take (only for <see cref="PathKind.Endpoint"/>).</summary>
    public ConnectEndpoint? Endpoint { get; init; }

    public string KindName => Kind.ToString().ToLowerInvariant();

    /// <summary>
    /// The `--via auto` rule (as <see cref="Paths.RoutePlanner"/> and <see cref="Paths.AutoRoutes.Default"/>): a running
    /// instance's public address, else the endpoint <see cref="ConnectEndpointChooser"/> takes from
    /// <paramref name="endpoints"/> (null when the caller may not list them), else Session Manager when
    /// <paramref name="ssmOnline"/> (the instance is online there).
    /// </summary>
    public static NetworkPathAdvice For(Ec2Instance instance, IEnumerable<ConnectEndpoint>? endpoints, bool ssmOnline = false)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var endpoint = endpoints is null ? null : ConnectEndpointChooser.TryChoose(endpoints, instance);
        var endpointId = endpoint?.EndpointId;
        var endpointsKnown = endpoints is not null;
        if (!instance.IsRunning)
        {
            return new(PathKind.None, $"{StateNames.Of(instance.State)}: only running instances connect");
        }

        if (instance.PublicIpAddress is { } address)
        {
            return new(PathKind.Direct, $"public address {address}");
        }

        if (endpointId is null && ssmOnline)
        {
            return new(PathKind.Ssm, $"no public address and no Instance Connect Endpoint in {instance.VpcId ?? "its VPC"}; online in Session Manager");
        }

        if (!endpointsKnown)
        {
            return new(PathKind.None, "no public address, and DescribeInstanceConnectEndpoints was refused: cannot tell whether its VPC has an endpoint");
        }

        if (endpointId is null && instance.Ipv6Address is { } ipv6)
        {
            return new(PathKind.Direct, $"no public IPv4 address and no Instance Connect Endpoint that reaches it; IPv6 address {ipv6}");
        }

        if (endpoint is null)
        {
            return new(PathKind.None, $"no public address and no Instance Connect Endpoint in {instance.VpcId ?? "its VPC"}");
        }

        var target = RoutePlanner.TunnelTarget(instance, endpoint);
        var toIpv6 = target == instance.Ipv6Address ? $" ({endpoint.IpAddressType}) to its IPv6 address {target}" : "";
        return new(PathKind.Endpoint, $"no public address; {endpointId} in {instance.VpcId}{toIpv6}") { Endpoint = endpoint };
    }
}

/// <summary>EC2's spelling of the instance states.</summary>
public static class StateNames
{
    public static string Of(Ec2InstanceState state) => state switch
    {
        Ec2InstanceState.ShuttingDown => "shutting-down",
        var other => other.ToString().ToLowerInvariant(),
    };
}
