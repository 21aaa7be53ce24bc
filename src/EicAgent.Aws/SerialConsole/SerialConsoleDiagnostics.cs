using EicAgent.Aws.Listing;
using EicAgent.Aws.Scopes;

namespace EicAgent.Aws.SerialConsole;

/// <summary>The EC2 questions `eic doctor --serial` asks: is serial console access on for the account, is the instance type on Nitro.</summary>
public static class SerialConsoleDiagnostics
{
    /// <summary>GetSerialConsoleAccessStatus: whether the account (in this region) lets anyone open a serial console.</summary>
    public static Task<bool> AccessEnabledAsync(AwsScope scope, CancellationToken cancellationToken)
    {
        var inventory = Ec2Inventory.For(scope);
        return inventory.RunAsync("GetSerialConsoleAccessStatus", null, inventory.Api.SerialConsoleAccessEnabledAsync, cancellationToken);
    }

    /// <summary>DescribeInstanceTypes for one type: its hypervisor ("nitro" or "xen"; bare metal counts as Nitro), or null when EC2 does not say.</summary>
    public static Task<string?> HypervisorAsync(AwsScope scope, string instanceType, CancellationToken cancellationToken)
    {
        var inventory = Ec2Inventory.For(scope);
        return inventory.RunAsync("DescribeInstanceTypes", null, token => inventory.Api.HypervisorAsync(instanceType, token), cancellationToken);
    }

    /// <summary>The instance's type (DescribeInstances), or null when EC2 does not say.</summary>
    public static Task<string?> InstanceTypeAsync(AwsScope scope, string instanceId, CancellationToken cancellationToken)
    {
        var inventory = Ec2Inventory.For(scope);
        return inventory.RunAsync("DescribeInstances", instanceId, token => inventory.Api.InstanceTypeAsync(instanceId, token), cancellationToken);
    }
}
