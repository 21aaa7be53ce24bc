using System.Text;
using Amazon.EC2;
using Amazon.EC2.Model;
using EicAgent.Aws.Errors;
using EicAgent.Aws.Instances;
using EicAgent.Aws.Scopes;
using InboundRule = EicAgent.Aws.Diagnostics.InboundRule;
using SecurityGroup = EicAgent.Aws.Diagnostics.SecurityGroup;

namespace EicAgent.Aws.Listing;

/// <summary>
/// The read-only EC2 calls behind `eic ls`, `eic config` and `eic known-hosts`: every instance, the VPCs with a
/// usable Instance Connect Endpoint, image names, console output. Each call is bounded and its errors translated
/// like the agent's (<see cref="EicAwsException"/>).
/// </summary>
public sealed class Ec2Inventory
{
    private readonly AwsScope _scope;
    private readonly IAmazonEC2 _client;

    private Ec2Inventory(AwsScope scope, IAmazonEC2 client)
    {
        _scope = scope;
        _client = client;
    }

    public static Ec2Inventory For(AwsScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return new Ec2Inventory(scope, scope.Ec2Client ?? throw new InvalidOperationException("this AWS scope has no EC2 client"));
    }

    /// <summary>Every instance in the region, in every state, in EC2's order.</summary>
    public async Task<IReadOnlyList<Ec2Instance>> ListInstancesAsync(CancellationToken cancellationToken)
    {
        var instances = new List<Ec2Instance>();
        string? nextToken = null;
        do
        {
            var token = nextToken;
            var page = await RunAsync("DescribeInstances", null, ct => _scope.Ec2.DescribeInstancesAsync([], token, ct), cancellationToken)
                .ConfigureAwait(false);
            instances.AddRange(page.Instances);
            nextToken = page.NextToken;
        }
        while (nextToken is not null);
        return instances;
    }

    /// <summary>VPC id to an Instance Connect Endpoint in it that is ready (create-complete).</summary>
    public async Task<IReadOnlyDictionary<string, UsableEndpoint>> UsableEndpointsByVpcAsync(CancellationToken cancellationToken)
    {
        var byVpc = new Dictionary<string, UsableEndpoint>(StringComparer.Ordinal);
        string? nextToken = null;
        do
        {
            var request = new DescribeInstanceConnectEndpointsRequest
            {
                Filters = [new Filter("state", ["create-complete"])],
                NextToken = nextToken,
            };
            var response = await RunAsync("DescribeInstanceConnectEndpoints", null,
                ct => _client.DescribeInstanceConnectEndpointsAsync(request, ct), cancellationToken).ConfigureAwait(false);
            foreach (var endpoint in response.InstanceConnectEndpoints ?? [])
            {
                if (endpoint.VpcId is { Length: > 0 } vpc)
                {
                    byVpc.TryAdd(vpc, new UsableEndpoint(endpoint.InstanceConnectEndpointId, endpoint.SecurityGroupIds ?? []));
                }
            }

            nextToken = string.IsNullOrEmpty(response.NextToken) ? null : response.NextToken;
        }
        while (nextToken is not null);
        return byVpc;
    }

    /// <summary>Image id to "name description" for those of <paramref name="imageIds"/> EC2 still describes.</summary>
    public async Task<IReadOnlyDictionary<string, ImageFacts>> DescribeImagesAsync(IReadOnlyCollection<string> imageIds, CancellationToken cancellationToken)
    {
        if (imageIds.Count == 0)
        {
            return new Dictionary<string, ImageFacts>();
        }

        var request = new DescribeImagesRequest { ImageIds = [.. imageIds] };
        var response = await RunAsync("DescribeImages", null, ct => _client.DescribeImagesAsync(request, ct), cancellationToken).ConfigureAwait(false);
        return (response.Images ?? []).ToDictionary(
            image => image.ImageId, image => new ImageFacts(image.Name, image.Description, image.PlatformDetails), StringComparer.Ordinal);
    }

    /// <summary>The security groups with these ids and their inbound rules (EC2 refuses an unknown id: InvalidGroup.NotFound).</summary>
    public async Task<IReadOnlyList<SecurityGroup>> DescribeSecurityGroupsAsync(IReadOnlyCollection<string> groupIds, CancellationToken cancellationToken)
    {
        if (groupIds.Count == 0)
        {
            return [];
        }

        var request = new DescribeSecurityGroupsRequest { GroupIds = [.. groupIds] };
        var response = await RunAsync("DescribeSecurityGroups", null, ct => _client.DescribeSecurityGroupsAsync(request, ct), cancellationToken)
            .ConfigureAwait(false);
        return [.. (response.SecurityGroups ?? []).Select(group => new SecurityGroup(
            group.GroupId, group.GroupName, [.. (group.IpPermissions ?? []).Select(ToRule)]))];
    }

    /// <summary>The instance's console log, decoded (EC2 sends it base64-encoded and the SDK passes that on); "" when there is none yet.</summary>
    public async Task<string> GetConsoleOutputAsync(string instanceId, CancellationToken cancellationToken)
    {
        var request = new GetConsoleOutputRequest { InstanceId = instanceId };
        var response = await RunAsync("GetConsoleOutput", instanceId, ct => _client.GetConsoleOutputAsync(request, ct), cancellationToken)
            .ConfigureAwait(false);
        if (string.IsNullOrEmpty(response.Output))
        {
            return "";
        }

        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(response.Output));
        }
        catch (FormatException)
        {
            return response.Output;
        }
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

    private Task<T> RunAsync<T>(string operation, string? instanceId, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken) =>
        _scope.Guard.RunAsync(new AwsCallContext(operation, _scope.Info) { InstanceId = instanceId }, call, cancellationToken);
}

/// <summary>An Instance Connect Endpoint ready for tunnels, and the security groups its connections come from.</summary>
public sealed record UsableEndpoint(string EndpointId, IReadOnlyList<string> SecurityGroupIds);

/// <summary>What DescribeImages says about an image, as far as the default user goes.</summary>
public sealed record ImageFacts(string? Name, string? Description, string? PlatformDetails);
