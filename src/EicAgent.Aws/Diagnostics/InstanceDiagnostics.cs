using EicAgent.Aws.Instances;
using EicAgent.Aws.Listing;
using EicAgent.Aws.Scopes;

namespace EicAgent.Aws.Diagnostics;

/// <summary>EC2 questions `eic doctor` asks about one instance that connecting itself never needs to.</summary>
public static class InstanceDiagnostics
{
    /// <summary>The usable EC2 Instance Connect Endpoint in the instance's VPC, as a list (empty: none).</summary>
    public static async Task<IReadOnlyList<UsableEndpoint>> EndpointsInVpcAsync(AwsScope scope, Ec2Instance instance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var byVpc = await Ec2Inventory.For(scope).UsableEndpointsByVpcAsync(cancellationToken).ConfigureAwait(false);
        return instance.VpcId is { } vpc && byVpc.TryGetValue(vpc, out var endpoint) ? [endpoint] : [];
    }

    /// <summary>The instance's security groups with their inbound rules.</summary>
    public static Task<IReadOnlyList<SecurityGroup>> SecurityGroupsAsync(AwsScope scope, Ec2Instance instance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return Ec2Inventory.For(scope).DescribeSecurityGroupsAsync(instance.SecurityGroupIds, cancellationToken);
    }

    /// <summary>True when the instance's console output holds cloud-init's host key block.</summary>
    public static async Task<bool> ConsoleListsHostKeysAsync(AwsScope scope, Ec2Instance instance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var console = await Ec2Inventory.For(scope).GetConsoleOutputAsync(instance.InstanceId, cancellationToken).ConfigureAwait(false);
        return ConsoleHostKeys.Read(console).Keys.Count > 0;
    }
}
