using EicAgent.Aws.Instances;
using EicAgent.Aws.Listing;
using EicAgent.Aws.Scopes;

namespace EicAgent.Aws.Diagnostics;

/// <summary>EC2 questions `eic doctor` asks about one instance that connecting itself never needs to.</summary>
public static class InstanceDiagnostics
{
    /// <summary>
    /// How `--via auto` would reach the instance, with the rule `eic ls` applies (<see cref="NetworkPathAdvice"/>) to the
    /// endpoints a connection would look at. Session Manager is asked only when neither a public address nor an endpoint serves.
    /// </summary>
    public static async Task<NetworkPathAdvice> PathAsync(AwsScope scope, Ec2Instance instance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(instance);
        if (!instance.IsRunning || instance.PublicIpAddress is not null)
        {
            return NetworkPathAdvice.For(instance, []);
        }

        var endpoints = await scope.ConnectEndpointsInVpcAsync(instance, cancellationToken).ConfigureAwait(false);
        var advice = NetworkPathAdvice.For(instance, endpoints);
        return advice.Kind == PathKind.Endpoint
            ? advice
            : NetworkPathAdvice.For(instance, endpoints, await scope.IsOnlineInSessionManagerAsync(instance, cancellationToken).ConfigureAwait(false));
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
