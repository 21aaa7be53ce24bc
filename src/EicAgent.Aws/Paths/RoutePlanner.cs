using EicAgent.Aws.Errors;
using EicAgent.Aws.Instances;

namespace EicAgent.Aws.Paths;

/// <summary>The one place that decides which address of an instance a connection goes to.</summary>
public static class RoutePlanner
{
    public static Route Plan(Ec2Instance instance, NetworkPath path, int port)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return path switch
        {
            NetworkPath.Auto or NetworkPath.Direct => new Route(instance.PublicIpAddress ?? throw NoPublicAddress(instance), port),
            NetworkPath.Private => new Route(instance.PrivateIpAddress ?? throw NoPrivateAddress(instance), port),
            NetworkPath.Eice => throw Unsupported(instance),
            _ => throw new ArgumentOutOfRangeException(nameof(path)),
        };
    }

    private static EicAwsException NoPublicAddress(Ec2Instance instance) => new(
        EicAwsErrorKind.NoRoute,
        $"{Describe(instance)} has no public address: connect from inside its VPC or over a VPN with --via private");

    private static EicAwsException NoPrivateAddress(Ec2Instance instance) => new(
        EicAwsErrorKind.NoRoute, $"{Describe(instance)} has no private IPv4 address");

    private static EicAwsException Unsupported(Ec2Instance instance) => new(
        EicAwsErrorKind.NoRoute,
        $"{Describe(instance)}: tunnels through EC2 Instance Connect Endpoints are not supported by this eic yet; use --via private over a VPN");

    private static string Describe(Ec2Instance instance) =>
        instance.Name is null ? instance.InstanceId : $"{instance.InstanceId} ({instance.Name})";
}
