using EicAgent.Aws.Errors;
using EicAgent.Aws.Instances;
using EicAgent.Aws.Tunnels;

namespace EicAgent.Aws.Paths;

/// <summary>The one place that decides which address of an instance a connection goes to, and whether through an endpoint.</summary>
public static class RoutePlanner
{
    /// <summary>Whether <see cref="Plan"/> needs the VPC's Instance Connect Endpoint for this path.</summary>
    public static bool NeedsEndpoint(Ec2Instance instance, NetworkPath path)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return path == NetworkPath.Eice || (path == NetworkPath.Auto && instance.PublicIpAddress is null);
    }

    /// <param name="tunnel">Presigns the openTunnel URL to the private address (called only when <see cref="NeedsEndpoint"/>).</param>
    public static Route Plan(Ec2Instance instance, NetworkPath path, int port, Func<string, WebSocketRoute>? tunnel = null)
    {
        ArgumentNullException.ThrowIfNull(instance);
        if (NeedsEndpoint(instance, path))
        {
            var privateAddress = instance.PrivateIpAddress ?? throw NoPrivateAddress(instance);
            return tunnel is null ? throw NoPublicAddress(instance) : tunnel(privateAddress);
        }

        return path switch
        {
            NetworkPath.Auto or NetworkPath.Direct => new TcpRoute(instance.PublicIpAddress ?? throw NoPublicAddress(instance), port),
            NetworkPath.Private => new TcpRoute(instance.PrivateIpAddress ?? throw NoPrivateAddress(instance), port),
            _ => throw new ArgumentOutOfRangeException(nameof(path)),
        };
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
        EicAwsErrorKind.NoRoute, $"{ConnectEndpointChooser.Describe(instance)} has no private IPv4 address");
}
