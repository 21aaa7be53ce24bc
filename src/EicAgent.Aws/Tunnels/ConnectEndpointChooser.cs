using EicAgent.Aws.Errors;
using EicAgent.Aws.Instances;
using EicAgent.Aws.Paths;
using EicAgent.Aws.Scopes;

namespace EicAgent.Aws.Tunnels;

/// <summary>The one place that picks which Instance Connect Endpoint carries a tunnel to an instance.</summary>
public static class ConnectEndpointChooser
{
    /// <summary>
    /// An explicit endpoint id wins; else a usable endpoint in the instance's subnet; else the first usable one in its VPC
    /// -- each only if its IpAddressType reaches an address the instance has (ipv4: private IPv4; ipv6: IPv6; dualstack: either).
    /// Throws a one-line <see cref="EicAwsException"/> that says what to create or which flag to use when there is none.
    /// </summary>
    public static ConnectEndpoint Choose(IReadOnlyList<ConnectEndpoint> inVpc, Ec2Instance instance, string? explicitId, AwsScopeInfo scope)
    {
        ArgumentNullException.ThrowIfNull(inVpc);
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(scope);
        if (explicitId is not null)
        {
            var named = inVpc.FirstOrDefault(e => e.EndpointId == explicitId)
                ?? throw Refuse($"EC2 Instance Connect Endpoint {explicitId} is not in {instance.VpcId}, the VPC of {Describe(instance)}");
            if (!named.IsUsable)
            {
                throw Refuse($"EC2 Instance Connect Endpoint {explicitId} is {named.State}, not usable yet");
            }

            return RoutePlanner.TunnelTarget(instance, named) is null ? throw Refuse(Unreachable(named, instance)) : named;
        }

        return TryChoose(inVpc, instance) ?? throw Refuse(NoEndpoint(inVpc, instance, scope));
    }

    /// <summary>The endpoint `--via auto` would take: a usable one in the instance's subnet, else the first usable one of <paramref name="inVpc"/>; null when none is.</summary>
    public static ConnectEndpoint? TryChoose(IEnumerable<ConnectEndpoint> inVpc, Ec2Instance instance)
    {
        ArgumentNullException.ThrowIfNull(inVpc);
        ArgumentNullException.ThrowIfNull(instance);
        var usable = inVpc.Where(e => e.IsUsable && e.VpcId == instance.VpcId && RoutePlanner.TunnelTarget(instance, e) is not null).ToList();
        return usable.FirstOrDefault(e => e.SubnetId == instance.SubnetId) ?? usable.FirstOrDefault();
    }

    private static string NoEndpoint(IReadOnlyList<ConnectEndpoint> inVpc, Ec2Instance instance, AwsScopeInfo scope)
    {
        if (inVpc.FirstOrDefault(e => e.IsUsable) is { } wrongType)
        {
            return $"{Unreachable(wrongType, instance)}: create a dualstack or ipv6 one with `aws ec2 create-instance-connect-endpoint --subnet-id {instance.SubnetId ?? "SUBNET"} --ip-address-type dualstack {scope.CliArguments()}`";
        }

        var pending = inVpc.Count == 0 ? "" : $" ({string.Join(", ", inVpc.Select(e => $"{e.EndpointId} is {e.State}"))})";
        return $"{Describe(instance)} has no public address and its VPC {instance.VpcId} has no usable EC2 Instance Connect Endpoint{pending}: " +
            $"create one with `aws ec2 create-instance-connect-endpoint --subnet-id {instance.SubnetId ?? "SUBNET"} {scope.CliArguments()}`, " +
            "or use --via private from inside the VPC or over a VPN";
    }

    // A usable endpoint whose IpAddressType the instance's addresses do not fit (ipv4 for an IPv6-only instance, or the reverse).
    private static string Unreachable(ConnectEndpoint endpoint, Ec2Instance instance) =>
        $"EC2 Instance Connect Endpoint {endpoint.EndpointId} is {endpoint.IpAddressType} and {Describe(instance)} has " +
        (instance.PrivateIpAddress is null ? $"no private IPv4 address{(instance.Ipv6Address is null ? " and no IPv6 address" : "")}" : "no IPv6 address");

    private static EicAwsException Refuse(string message) => new(EicAwsErrorKind.NoRoute, message);

    internal static string Describe(Ec2Instance instance) =>
        instance.Name is null ? instance.InstanceId : $"{instance.InstanceId} ({instance.Name})";
}
