using System.Globalization;
using EicAgent.Simulator.Fleet;

namespace EicAgent.Simulator.Ec2;

/// <summary>
/// An instance as the EC2 API shows it right now: a stopped instance has released its public address and
/// public DNS name (they come back when it starts), everything else stays.
/// </summary>
internal sealed class Ec2InstanceView(SimulatedInstance instance)
{
    private readonly bool _running = instance.State == InstanceStateName.Running;

    public string InstanceId => instance.InstanceId;

    public IReadOnlyDictionary<string, string> Tags => instance.Tags;

    public string? PrivateIpAddress => instance.Definition.Ipv6Only ? null : instance.PrivateIpAddress;

    public string? PublicIpAddress => _running && !instance.Definition.Ipv6Only ? instance.PublicIpAddress : null;

    public string PrivateDnsName => instance.PrivateDnsName;

    /// <summary>EC2 reports an empty dnsName for instances without a public address.</summary>
    public string PublicDnsName => (_running ? instance.PublicDnsName : null) ?? "";

    public string? Ipv6Address => instance.Ipv6Address;

    public InstanceStateName State => instance.State;

    public string StateName => instance.State.ToEc2Name();

    public string StateCode => instance.State.ToEc2Code().ToString(CultureInfo.InvariantCulture);

    public string VpcId => instance.Definition.VpcId;

    public string SubnetId => instance.Definition.SubnetId;

    public IReadOnlyList<string> SecurityGroupIds => instance.Definition.SecurityGroupIds;

    public string AvailabilityZone => instance.Definition.AvailabilityZone;

    public string ImageId => instance.Definition.ImageId;

    public string InstanceType => instance.Definition.InstanceType;

    public string PlatformDetails => instance.Definition.PlatformDetails;

    public DateTimeOffset LaunchedAt => instance.LaunchedAt;
}
