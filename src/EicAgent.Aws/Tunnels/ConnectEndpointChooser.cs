using EicAgent.Aws.Errors;
using EicAgent.Aws.Instances;
using EicAgent.Aws.Scopes;

namespace EicAgent.Aws.Tunnels;

/// <summary>The one place that picks which Instance Connect Endpoint carries a tunnel to an instance.</summary>
public static class ConnectEndpointChooser
{
    /// <summary>
    /// An explicit endpoint id wins; else a usable endpoint in the instance's subnet; else the first usable one in its VPC.
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
            return named.IsUsable ? named : throw Refuse($"EC2 Instance Connect Endpoint {explicitId} is {named.State}, not usable yet");
        }

        return TryChoose(inVpc, instance) ?? throw Refuse(NoEndpoint(inVpc, instance, scope));
    }

    /// <summary>The endpoint `--via auto` would take: a usable one in the instance's subnet, else the first usable one of <paramref name="inVpc"/>; null when none is.</summary>
    public static ConnectEndpoint? TryChoose(IEnumerable<ConnectEndpoint> inVpc, Ec2Instance instance)
    {
        ArgumentNullException.ThrowIfNull(inVpc);
        ArgumentNullException.ThrowIfNull(instance);
        var usable = inVpc.Where(e => e.IsUsable && e.VpcId == instance.VpcId).ToList();
        return usable.FirstOrDefault(e => e.SubnetId == instance.SubnetId) ?? usable.FirstOrDefault();
    }

    private static string NoEndpoint(IReadOnlyList<ConnectEndpoint> inVpc, Ec2Instance instance, AwsScopeInfo scope)
    {
        var pending = inVpc.Count == 0 ? "" : $" ({string.Join(", ", inVpc.Select(e => $"{e.EndpointId} is {e.State}"))})";
        return $"{Describe(instance)} has no public address and its VPC {instance.VpcId} has no usable EC2 Instance Connect Endpoint{pending}: " +
            $"create one with `aws ec2 create-instance-connect-endpoint --subnet-id {instance.SubnetId ?? "SUBNET"} {scope.CliArguments()}`, " +
            "or use --via private from inside the VPC or over a VPN";
    }

    private static EicAwsException Refuse(string message) => new(EicAwsErrorKind.NoRoute, message);

    internal static string Describe(Ec2Instance instance) =>
        instance.Name is null ? instance.InstanceId : $"{instance.InstanceId} ({instance.Name})";
}
