using Amazon.EC2;
using Amazon.EC2.Model;
using EicAgent.Aws.Errors;
using EicAgent.Aws.Scopes;

namespace EicAgent.Aws.SerialConsole;

/// <summary>The EC2 questions `eic doctor --serial` asks: is serial console access on for the account, is the instance type on Nitro.</summary>
public static class SerialConsoleDiagnostics
{
    /// <summary>GetSerialConsoleAccessStatus: whether the account (in this region) lets anyone open a serial console.</summary>
    public static Task<bool> AccessEnabledAsync(AwsScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return scope.Guard.RunAsync(
            new AwsCallContext("GetSerialConsoleAccessStatus", scope.Info),
            async token => (await Client(scope).GetSerialConsoleAccessStatusAsync(new GetSerialConsoleAccessStatusRequest(), token).ConfigureAwait(false))
                .SerialConsoleAccessEnabled ?? false,
            cancellationToken);
    }

    /// <summary>DescribeInstanceTypes for one type: its hypervisor ("nitro" or "xen"; bare metal counts as Nitro), or null when EC2 does not say.</summary>
    public static Task<string?> HypervisorAsync(AwsScope scope, string instanceType, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return scope.Guard.RunAsync(
            new AwsCallContext("DescribeInstanceTypes", scope.Info),
            async token =>
            {
                var response = await Client(scope).DescribeInstanceTypesAsync(
                    new DescribeInstanceTypesRequest { InstanceTypes = [instanceType] }, token).ConfigureAwait(false);
                var info = response.InstanceTypes?.FirstOrDefault();
                return info?.BareMetal == true ? "nitro" : info?.Hypervisor?.Value;
            },
            cancellationToken);
    }

    /// <summary>The instance's type (DescribeInstances), or null when EC2 does not say.</summary>
    public static Task<string?> InstanceTypeAsync(AwsScope scope, string instanceId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return scope.Guard.RunAsync(
            new AwsCallContext("DescribeInstances", scope.Info) { InstanceId = instanceId },
            async token =>
            {
                var response = await Client(scope).DescribeInstancesAsync(new DescribeInstancesRequest { InstanceIds = [instanceId] }, token).ConfigureAwait(false);
                return response.Reservations?.SelectMany(r => r.Instances ?? []).FirstOrDefault()?.InstanceType?.Value;
            },
            cancellationToken);
    }

    private static IAmazonEC2 Client(AwsScope scope) => scope.Ec2Client ?? throw new InvalidOperationException("this AWS scope has no EC2 client");
}
