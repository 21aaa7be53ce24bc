using EicAgent.Simulator.Fleet;
using EicAgent.Simulator.Http;

namespace EicAgent.Simulator.Ec2;

/// <summary>
/// One &lt;item&gt; of a reservation's instancesSet, in the element names of the EC2 2016-11-15 model
/// (instanceId, instanceState/code+name, privateDnsName, dnsName, placement/availabilityZone, ipAddress, tagSet...).
/// </summary>
internal static class InstanceXml
{
    public static void Write(XmlAnswer x, Ec2InstanceView instance, string ownerId, IReadOnlyList<SecurityGroupDefinition> groups)
    {
        x.Value("instanceId", instance.InstanceId)
            .Value("imageId", instance.ImageId);
        State(x, "instanceState", instance.State);
        x.Value("privateDnsName", instance.PrivateDnsName)
            .Value("dnsName", instance.PublicDnsName)
            .Value("reason", instance.State == InstanceStateName.Stopped ? "User initiated" : "")
            .Value("amiLaunchIndex", 0)
            .Start("productCodes").End()
            .Value("instanceType", instance.InstanceType)
            .Value("launchTime", instance.LaunchedAt)
            .Start("placement").Value("availabilityZone", instance.AvailabilityZone).Value("groupName", "").Value("tenancy", "default").End()
            .Start("monitoring").Value("state", "disabled").End()
            .Value("subnetId", instance.SubnetId)
            .Value("vpcId", instance.VpcId)
            .Value("privateIpAddress", instance.PrivateIpAddress)
            .Value("ipAddress", instance.PublicIpAddress)
            .Value("sourceDestCheck", true)
            .Items("groupSet", instance.SecurityGroupIds, (g, id) => g
                .Value("groupId", id)
                .Value("groupName", groups.FirstOrDefault(group => group.GroupId == id)?.GroupName ?? ""))
            .Value("architecture", "x86_64")
            .Value("rootDeviceType", "ebs")
            .Value("rootDeviceName", "/dev/xvda")
            .Start("blockDeviceMapping").End()
            .Value("virtualizationType", "hvm")
            .Value("clientToken", "")
            .Tags(instance.Tags)
            .Value("hypervisor", "xen")
            .Items("networkInterfaceSet", [instance], (n, i) => NetworkInterface(n, i, ownerId))
            .Value("ebsOptimized", false)
            .Value("enaSupport", true)
            .Start("metadataOptions")
                .Value("state", "applied").Value("httpTokens", "required").Value("httpPutResponseHopLimit", 2)
                .Value("httpEndpoint", "enabled").Value("httpProtocolIpv6", "disabled").Value("instanceMetadataTags", "disabled")
            .End()
            .Value("platformDetails", instance.PlatformDetails)
            .Value("usageOperation", "RunInstances")
            .Value("ipv6Address", instance.Ipv6Address);
        if (instance.State == InstanceStateName.Stopped)
        {
            x.Start("stateReason")
                .Value("code", "Client.UserInitiatedShutdown")
                .Value("message", "Client.UserInitiatedShutdown: User initiated shutdown")
                .End();
        }
    }

    public static void State(XmlAnswer x, string name, InstanceStateName state) =>
        x.Start(name).Value("code", state.ToEc2Code()).Value("name", state.ToEc2Name()).End();

    private static void NetworkInterface(XmlAnswer x, Ec2InstanceView instance, string ownerId)
    {
        x.Value("networkInterfaceId", $"eni-{instance.InstanceId[2..]}")
            .Value("subnetId", instance.SubnetId)
            .Value("vpcId", instance.VpcId)
            .Value("ownerId", ownerId)
            .Value("status", "in-use")
            .Value("privateIpAddress", instance.PrivateIpAddress)
            .Value("privateDnsName", instance.PrivateDnsName)
            .Value("sourceDestCheck", true);
        if (instance.PublicIpAddress is { } publicIp)
        {
            x.Start("association").Value("publicIp", publicIp).Value("publicDnsName", instance.PublicDnsName).Value("ipOwnerId", "amazon").End();
        }

        x.Items<string>("ipv6AddressesSet", instance.Ipv6Address is null ? [] : [instance.Ipv6Address], (a, ip) => a.Value("ipv6Address", ip));
    }
}
