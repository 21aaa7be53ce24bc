using EicAgent.Simulator.Fleet;
using Microsoft.AspNetCore.Http;

namespace EicAgent.Simulator.Endpoints;

/// <summary>
/// Which instance an openTunnel's privateIpAddress names, as the endpoint's IpAddressType allows: a private IPv4
/// address through an ipv4 or dualstack endpoint, an IPv6 address through a dualstack or ipv6 one, in its own VPC.
/// </summary>
internal static class TunnelTargets
{
    public static SimulatedInstance Find(IEnumerable<SimulatedInstance> instances, ConnectEndpointDefinition endpoint, string address)
    {
        var inVpc = instances.Where(i => i.Definition.VpcId == endpoint.VpcId).ToList();
        var byIpv4 = inVpc.FirstOrDefault(i => !i.Definition.Ipv6Only && i.PrivateIpAddress == address);
        var byIpv6 = inVpc.FirstOrDefault(i => i.Ipv6Address is { } ipv6 && string.Equals(ipv6, address, StringComparison.OrdinalIgnoreCase));
        var reachesIpv4 = endpoint.IpAddressType is "ipv4" or "dualstack";
        var reachesIpv6 = endpoint.IpAddressType is "dualstack" or "ipv6";
        return (reachesIpv4 ? byIpv4 : null) ?? (reachesIpv6 ? byIpv6 : null) ?? throw Refused(endpoint, address, byIpv4 ?? byIpv6);
    }

    private static TunnelRefusal Refused(ConnectEndpointDefinition endpoint, string address, SimulatedInstance? unreachable) => new(
        StatusCodes.Status400BadRequest,
        "InvalidParameter",
        unreachable is null
            ? $"privateIpAddress {address} is not an instance in {endpoint.VpcId}, the VPC of {endpoint.EndpointId}"
            : $"privateIpAddress {address} cannot be reached through {endpoint.EndpointId}, whose IP address type is {endpoint.IpAddressType}");
}
