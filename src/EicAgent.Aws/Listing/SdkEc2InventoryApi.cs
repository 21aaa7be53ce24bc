using Amazon.EC2;
using Amazon.EC2.Model;
using InboundRule = EicAgent.Aws.Diagnostics.InboundRule;
using SecurityGroup = EicAgent.Aws.Diagnostics.SecurityGroup;

namespace EicAgent.Aws.Listing;

/// <summary><see cref="IEc2InventoryApi"/> over AWSSDK.EC2 (the scope's client; the scope disposes it).</summary>
internal sealed class SdkEc2InventoryApi(IAmazonEC2 client) : IEc2InventoryApi
{
    public async Task<IReadOnlyDictionary<string, ImageFacts>> DescribeImagesAsync(IReadOnlyCollection<string> imageIds, CancellationToken cancellationToken)
    {
        var response = await client.DescribeImagesAsync(new DescribeImagesRequest { ImageIds = [.. imageIds] }, cancellationToken).ConfigureAwait(false);
        return (response.Images ?? []).ToDictionary(
            image => image.ImageId, image => new ImageFacts(image.Name, image.Description, image.PlatformDetails), StringComparer.Ordinal);
    }

    public async Task<IReadOnlyList<SecurityGroup>> DescribeSecurityGroupsAsync(IReadOnlyCollection<string> groupIds, CancellationToken cancellationToken)
    {
        var response = await client.DescribeSecurityGroupsAsync(new DescribeSecurityGroupsRequest { GroupIds = [.. groupIds] }, cancellationToken)
            .ConfigureAwait(false);
        return [.. (response.SecurityGroups ?? []).Select(group => new SecurityGroup(
            group.GroupId, group.GroupName, [.. (group.IpPermissions ?? []).Select(ToRule)]))];
    }

    public async Task<string?> GetConsoleOutputAsync(string instanceId, CancellationToken cancellationToken) =>
        (await client.GetConsoleOutputAsync(new GetConsoleOutputRequest { InstanceId = instanceId }, cancellationToken).ConfigureAwait(false)).Output;

    public async Task<bool> SerialConsoleAccessEnabledAsync(CancellationToken cancellationToken) =>
        (await client.GetSerialConsoleAccessStatusAsync(new GetSerialConsoleAccessStatusRequest(), cancellationToken).ConfigureAwait(false))
            .SerialConsoleAccessEnabled ?? false;

    public async Task<string?> InstanceTypeAsync(string instanceId, CancellationToken cancellationToken)
    {
        var response = await client.DescribeInstancesAsync(new DescribeInstancesRequest { InstanceIds = [instanceId] }, cancellationToken).ConfigureAwait(false);
        return response.Reservations?.SelectMany(r => r.Instances ?? []).FirstOrDefault()?.InstanceType?.Value;
    }

    public async Task<string?> HypervisorAsync(string instanceType, CancellationToken cancellationToken)
    {
        var response = await client.DescribeInstanceTypesAsync(new DescribeInstanceTypesRequest { InstanceTypes = [instanceType] }, cancellationToken)
            .ConfigureAwait(false);
        var info = response.InstanceTypes?.FirstOrDefault();
        return info?.BareMetal == true ? "nitro" : info?.Hypervisor?.Value;
    }

    private static InboundRule ToRule(IpPermission permission) => new(
        permission.IpProtocol,
        permission.FromPort,
        permission.ToPort,
        [
            .. (permission.Ipv4Ranges ?? []).Select(range => range.CidrIp),
            .. (permission.Ipv6Ranges ?? []).Select(range => range.CidrIpv6),
            .. (permission.PrefixListIds ?? []).Select(list => list.Id),
        ],
        [.. (permission.UserIdGroupPairs ?? []).Select(pair => pair.GroupId)]);
}
