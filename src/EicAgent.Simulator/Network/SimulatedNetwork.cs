using System.Net;
using EicAgent.Simulator.Fleet;

namespace EicAgent.Simulator.Network;

/// <summary>
/// Who reaches which simulated address. A client on this machine stands outside every VPC: it reaches an instance's
/// public address when the instance's security groups let it in, and a private address only while it is "on a VPN"
/// (<see cref="OnVpn"/>; then the groups decide too). An Instance Connect Endpoint reaches the private addresses of its
/// VPC, as a member of its own security groups.
/// </summary>
internal sealed class SimulatedNetwork(IReadOnlyList<SecurityGroupDefinition> groups, bool onVpn)
{
    /// <summary>The port the groups' rules are checked for: every instance's sshd stands for port 22 (2222 off root is the same port).</summary>
    public const int SshPort = 22;

    public SecurityGroupStore SecurityGroups { get; } = new(groups);

    /// <summary>Whether this machine's clients are inside the VPCs (private addresses answer) or outside (nothing listens there).</summary>
    public bool OnVpn { get; private set; } = onVpn;

    /// <summary>Raised after <see cref="OnVpn"/> changed, for the instances to open or close their private ports.</summary>
    public event Func<bool, Task>? VpnChanged;

    public async Task SetVpnAsync(bool onVpn)
    {
        OnVpn = onVpn;
        foreach (var handler in VpnChanged?.GetInvocationList().Cast<Func<bool, Task>>() ?? [])
        {
            await handler(onVpn);
        }
    }

    /// <summary>A connection from this machine (outside the VPC, or on its VPN) to the instance's port 22.</summary>
    public bool AdmitsClient(InstanceDefinition instance, IPAddress source) =>
        IngressRules.Admit(SecurityGroups.Named(instance.SecurityGroupIds), SshPort, source, []);

    /// <summary>
    /// A connection from an Instance Connect Endpoint: its source is the endpoint's network interface, a member of the
    /// endpoint's groups (PreserveClientIp false). That interface has no address of ours, so of CIDR rules only 0.0.0.0/0 names it.
    /// </summary>
    public bool AdmitsEndpoint(InstanceDefinition instance, ConnectEndpointDefinition endpoint) =>
        IngressRules.Admit(SecurityGroups.Named(instance.SecurityGroupIds), SshPort, null, endpoint.SecurityGroupIds);
}
