using System.Text;
using EicAgent.Aws.Errors;
using EicAgent.Aws.Instances;
using EicAgent.Aws.Scopes;
using SecurityGroup = EicAgent.Aws.Diagnostics.SecurityGroup;

namespace EicAgent.Aws.Listing;

/// <summary>
/// The read-only EC2 calls behind `eic ls`, `eic config`, `eic known-hosts` and `eic doctor`: every instance, image
/// names, security groups, console output. Each goes through the scope's interfaces and guard, bounded and translated
/// like the agent's (<see cref="EicAwsException"/>); none reaches the SDK client itself.
/// </summary>
public sealed class Ec2Inventory
{
    private readonly AwsScope _scope;
    private readonly IEc2InventoryApi _api;

    private Ec2Inventory(AwsScope scope, IEc2InventoryApi api)
    {
        _scope = scope;
        _api = api;
    }

    public static Ec2Inventory For(AwsScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return new Ec2Inventory(scope, scope.Inventory ?? throw new InvalidOperationException("this AWS scope has no EC2 inventory API"));
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

    /// <summary>Image id to "name description" for those of <paramref name="imageIds"/> EC2 still describes.</summary>
    public Task<IReadOnlyDictionary<string, ImageFacts>> DescribeImagesAsync(IReadOnlyCollection<string> imageIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(imageIds);
        return imageIds.Count == 0
            ? Task.FromResult<IReadOnlyDictionary<string, ImageFacts>>(new Dictionary<string, ImageFacts>())
            : RunAsync("DescribeImages", null, ct => _api.DescribeImagesAsync(imageIds, ct), cancellationToken);
    }

    /// <summary>The security groups with these ids and their inbound rules (EC2 refuses an unknown id: InvalidGroup.NotFound).</summary>
    public Task<IReadOnlyList<SecurityGroup>> DescribeSecurityGroupsAsync(IReadOnlyCollection<string> groupIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(groupIds);
        return groupIds.Count == 0
            ? Task.FromResult<IReadOnlyList<SecurityGroup>>([])
            : RunAsync("DescribeSecurityGroups", null, ct => _api.DescribeSecurityGroupsAsync(groupIds, ct), cancellationToken);
    }

    /// <summary>The instance's console log, decoded (EC2 sends it base64-encoded and the SDK passes that on); "" when there is none yet.</summary>
    public async Task<string> GetConsoleOutputAsync(string instanceId, CancellationToken cancellationToken)
    {
        var output = await RunAsync("GetConsoleOutput", instanceId, ct => _api.GetConsoleOutputAsync(instanceId, ct), cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrEmpty(output))
        {
            return "";
        }

        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(output));
        }
        catch (FormatException)
        {
            return output;
        }
    }

    /// <summary>The calls themselves, for diagnostics that run them through <see cref="RunAsync"/>.</summary>
    internal IEc2InventoryApi Api => _api;

    /// <summary>One call bounded and translated by the scope's guard.</summary>
    internal Task<T> RunAsync<T>(string operation, string? instanceId, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken) =>
        _scope.Guard.RunAsync(new AwsCallContext(operation, _scope.Info) { InstanceId = instanceId }, call, cancellationToken);
}

/// <summary>What DescribeImages says about an image, as far as the default user goes.</summary>
public sealed record ImageFacts(string? Name, string? Description, string? PlatformDetails);
