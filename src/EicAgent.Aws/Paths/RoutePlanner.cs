using EicAgent.Aws.Errors;
using EicAgent.Aws.Instances;
using EicAgent.Aws.Tunnels;

namespace EicAgent.Aws.Paths;

/// <summary>
/// The one place that decides which address of an instance a connection goes to, and whether through an endpoint.
/// As the AWS CLI: a public IPv4 address directly; else through an endpoint to the private IPv4 address (or to the
/// IPv6 address, through a dualstack or ipv6 endpoint); an instance with neither reaches `--via auto` last at its
/// IPv6 address, directly.
/// </summary>
public static class RoutePlanner
{
    /// <summary>Whether <see cref="Plan"/> needs the VPC's Instance Connect Endpoint for this path.</summary>
    public static bool NeedsEndpoint(Ec2Instance instance, NetworkPath path)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return path == NetworkPath.Eice || (path == NetworkPath.Auto && instance.PublicIpAddress is null);
    }

    /// <param name="tunnel">Presigns the openTunnel URL to the address <see cref="TunnelTarget"/> chose (called only when <see cref="NeedsEndpoint"/>).</param>
    /// <param name="inAuto">A candidate of `--via auto`: direct means the public IPv4 address only (IPv6 comes last, <see cref="Ipv6Fallback"/>).</param>
    public static Route Plan(Ec2Instance instance, NetworkPath path, int port, Func<WebSocketRoute>? tunnel = null, bool inAuto = false)
    {
        ArgumentNullException.ThrowIfNull(instance);
        if (NeedsEndpoint(instance, path))
        {
            _ = instance.PrivateIpAddress ?? instance.Ipv6Address ?? throw NoPrivateAddress(instance);
            return tunnel is null ? throw NoPublicAddress(instance) : tunnel();
        }

        return path switch
        {
            NetworkPath.Auto or NetworkPath.Direct =>
                new TcpRoute(instance.PublicIpAddress ?? (inAuto ? null : instance.Ipv6Address) ?? throw NoPublicAddress(instance), port),
            NetworkPath.Private => new TcpRoute(instance.PrivateIpAddress ?? instance.Ipv6Address ?? throw NoPrivateAddress(instance), port),
            _ => throw new ArgumentOutOfRangeException(nameof(path)),
        };
    }

    /// <summary>
    /// The address a tunnel through <paramref name="endpoint"/> asks for (openTunnel's privateIpAddress): the private
    /// IPv4 address when the endpoint reaches IPv4, else the IPv6 address when it reaches IPv6; null when it reaches neither.
    /// </summary>
    public static string? TunnelTarget(Ec2Instance instance, ConnectEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(endpoint);
        return (endpoint.ReachesIpv4 ? instance.PrivateIpAddress : null) ?? (endpoint.ReachesIpv6 ? instance.Ipv6Address : null);
    }

    /// <summary>
    /// `--via auto` after every path of <paramref name="order"/> refused: an instance with an IPv6 address and no
    /// public IPv4 one is tried there directly when the order has `direct` (null otherwise).
    /// </summary>
    public static TcpRoute? Ipv6Fallback(Ec2Instance instance, IReadOnlyList<NetworkPath> order, int port)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(order);
        return order.Contains(NetworkPath.Direct) && instance.PublicIpAddress is null && instance.Ipv6Address is { } address
            ? new TcpRoute(address, port)
            : null;
    }

    /// <summary>`--via auto` found no path: every candidate's reason, the first one's kind.</summary>
    public static EicAwsException NoAutoRoute(IReadOnlyList<EicAwsException> refusals)
    {
        ArgumentNullException.ThrowIfNull(refusals);
        return refusals.Count == 0
            ? new EicAwsException(EicAwsErrorKind.NoRoute, "no path to try: --auto-order is empty")
            : new EicAwsException(refusals[0].Kind, string.Join("; ", refusals.Select(r => r.Message).Distinct()), refusals[0]);
    }

    private static EicAwsException NoPublicAddress(Ec2Instance instance) => new(
        EicAwsErrorKind.NoRoute,
        $"{ConnectEndpointChooser.Describe(instance)} has no public address: use --via eice (EC2 Instance Connect Endpoint), --via ssm (Session Manager), or --via private from inside its VPC or over a VPN");

    private static EicAwsException NoPrivateAddress(Ec2Instance instance) => new(
        EicAwsErrorKind.NoRoute, $"{ConnectEndpointChooser.Describe(instance)} has no private IPv4 or IPv6 address");
}
