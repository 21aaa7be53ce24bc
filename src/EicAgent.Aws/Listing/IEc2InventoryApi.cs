using EicAgent.Aws.Diagnostics;

namespace EicAgent.Aws.Listing;

/// <summary>
/// The read-only EC2 calls that only `eic ls`, `eic known-hosts`, `eic config` and `eic doctor` make (a connection
/// needs none of them). Reached only through <see cref="Ec2Inventory"/> and the diagnostics, which bound and
/// translate each call with the scope's guard.
/// </summary>
internal interface IEc2InventoryApi
{
    /// <summary>Image id to what DescribeImages says, for those EC2 still describes.</summary>
    Task<IReadOnlyDictionary<string, ImageFacts>> DescribeImagesAsync(IReadOnlyCollection<string> imageIds, CancellationToken cancellationToken);

    /// <summary>The groups with these ids and their inbound rules (EC2 refuses an unknown id: InvalidGroup.NotFound).</summary>
    Task<IReadOnlyList<SecurityGroup>> DescribeSecurityGroupsAsync(IReadOnlyCollection<string> groupIds, CancellationToken cancellationToken);

    /// <summary>The console output as EC2 sends it (base64), or null when there is none yet.</summary>
    Task<string?> GetConsoleOutputAsync(string instanceId, CancellationToken cancellationToken);

    /// <summary>GetSerialConsoleAccessStatus: whether the account lets anyone open a serial console in this region.</summary>
    Task<bool> SerialConsoleAccessEnabledAsync(CancellationToken cancellationToken);

    /// <summary>The instance's type, or null when EC2 does not say.</summary>
    Task<string?> InstanceTypeAsync(string instanceId, CancellationToken cancellationToken);

    /// <summary>The type's hypervisor ("nitro" or "xen"; bare metal counts as Nitro), or null when EC2 does not say.</summary>
    Task<string?> HypervisorAsync(string instanceType, CancellationToken cancellationToken);
}
