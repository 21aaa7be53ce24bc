namespace EicAgent.Aws.Instances;

/// <summary>What the other layers need to know about one instance to choose a path and push a key.</summary>
public sealed record Ec2Instance
{
    public required string InstanceId { get; init; }

    /// <summary>The <c>Name</c> tag, when it has one.</summary>
    public string? Name { get; init; }

    public required Ec2InstanceState State { get; init; }

    public string? AvailabilityZone { get; init; }

    public string? VpcId { get; init; }

    public string? SubnetId { get; init; }

    public string? PrivateIpAddress { get; init; }

    public string? PublicIpAddress { get; init; }

    public string? Ipv6Address { get; init; }

    public string? PrivateDnsName { get; init; }

    public string? PublicDnsName { get; init; }

    public string? ImageId { get; init; }

    /// <summary>The security groups of its network interface, e.g. sg-0abc.</summary>
    public IReadOnlyList<string> SecurityGroupIds { get; init; } = [];

    /// <summary>For example "Linux/UNIX", "Red Hat Enterprise Linux", "Windows".</summary>
    public string? PlatformDetails { get; init; }

    public DateTimeOffset? LaunchTime { get; init; }

    /// <summary>The owning account (the reservation's OwnerId), used to name the instance's ARN.</summary>
    public string? OwnerAccountId { get; init; }

    public bool IsRunning => State == Ec2InstanceState.Running;
}

/// <summary>EC2's instance states (<c>State.Name</c>).</summary>
public enum Ec2InstanceState
{
    Unknown,
    Pending,
    Running,
    Stopping,
    Stopped,
    ShuttingDown,
    Terminated,
}
