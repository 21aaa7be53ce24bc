using EicAgent.Aws.Instances;

namespace EicAgent.Aws.Listing;

/// <summary>How eic would reach an instance by default (`--via auto`).</summary>
public enum PathKind
{
    Direct,
    Endpoint,
    Ssm,
    None,
}

/// <summary>The path and why, e.g. (Endpoint, "no public address; eice-0abc in vpc-0123").</summary>
public sealed record NetworkPathAdvice(PathKind Kind, string Reason)
{
    public string KindName => Kind.ToString().ToLowerInvariant();

    /// <summary>
    /// The `--via auto` rule (as <see cref="Paths.RoutePlanner"/>): a running instance's public address, else an
    /// EC2 Instance Connect Endpoint in its VPC (<paramref name="endpointId"/>, null when the VPC has no usable one;
    /// <paramref name="endpointsKnown"/> false when the caller may not list endpoints), else Session Manager when
    /// <paramref name="ssmOnline"/> (the instance is online there).
    /// </summary>
    public static NetworkPathAdvice For(Ec2Instance instance, string? endpointId, bool endpointsKnown = true, bool ssmOnline = false)
    {
        ArgumentNullException.ThrowIfNull(instance);
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

        return endpointId is null
            ? new(PathKind.None, $"no public address and no Instance Connect Endpoint in {instance.VpcId ?? "its VPC"}")
            : new(PathKind.Endpoint, $"no public address; {endpointId} in {instance.VpcId}");
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
