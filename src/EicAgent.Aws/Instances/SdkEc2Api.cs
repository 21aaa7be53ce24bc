using Amazon.EC2;
using Amazon.EC2.Model;

namespace EicAgent.Aws.Instances;

/// <summary><see cref="IEc2Api"/> over AWSSDK.EC2's <see cref="IAmazonEC2"/>.</summary>
internal sealed class SdkEc2Api(IAmazonEC2 client) : IEc2Api
{
    public async Task<Ec2InstancePage> DescribeInstancesAsync(
        IReadOnlyList<Ec2Filter> filters, string? nextToken, CancellationToken cancellationToken)
    {
        var request = new DescribeInstancesRequest
        {
            Filters = [.. filters.Select(f => new Filter(f.Name, [f.Value]))],
            NextToken = nextToken,
        };
        var response = await client.DescribeInstancesAsync(request, cancellationToken).ConfigureAwait(false);
        var instances = (response.Reservations ?? [])
            .SelectMany(reservation => (reservation.Instances ?? []).Select(instance => ToRecord(instance, reservation.OwnerId)))
            .ToList();
        return new Ec2InstancePage(instances, string.IsNullOrEmpty(response.NextToken) ? null : response.NextToken);
    }

    public void Dispose() => client.Dispose();

    private static Ec2Instance ToRecord(Instance instance, string? ownerId) => new()
    {
        InstanceId = instance.InstanceId,
        Name = instance.Tags?.FirstOrDefault(tag => tag.Key == "Name")?.Value,
        State = ToState(instance.State?.Name?.Value),
        AvailabilityZone = instance.Placement?.AvailabilityZone,
        VpcId = NullIfEmpty(instance.VpcId),
        SubnetId = NullIfEmpty(instance.SubnetId),
        PrivateIpAddress = NullIfEmpty(instance.PrivateIpAddress),
        PublicIpAddress = NullIfEmpty(instance.PublicIpAddress),
        Ipv6Address = NullIfEmpty(instance.Ipv6Address),
        PrivateDnsName = NullIfEmpty(instance.PrivateDnsName),
        PublicDnsName = NullIfEmpty(instance.PublicDnsName),
        ImageId = NullIfEmpty(instance.ImageId),
        SecurityGroupIds = [.. (instance.SecurityGroups ?? []).Select(group => group.GroupId)],
        PlatformDetails = NullIfEmpty(instance.PlatformDetails),
        LaunchTime = instance.LaunchTime is DateTime launched
            ? new DateTimeOffset(DateTime.SpecifyKind(launched.ToUniversalTime(), DateTimeKind.Utc))
            : null,
        OwnerAccountId = NullIfEmpty(ownerId),
    };

    internal static Ec2InstanceState ToState(string? name) => name switch
    {
        "pending" => Ec2InstanceState.Pending,
        "running" => Ec2InstanceState.Running,
        "stopping" => Ec2InstanceState.Stopping,
        "stopped" => Ec2InstanceState.Stopped,
        "shutting-down" => Ec2InstanceState.ShuttingDown,
        "terminated" => Ec2InstanceState.Terminated,
        _ => Ec2InstanceState.Unknown,
    };

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
