using EicAgent.Simulator.Fleet;

namespace EicAgent.Simulator.Ec2;

/// <summary>The DescribeInstances filters the simulator knows, as the instance attribute values each one matches against.</summary>
internal static class InstanceFilters
{
    public static void CheckNames(IEnumerable<Ec2Filter> filters)
    {
        foreach (var filter in filters)
        {
            if (Values(filter.Name, null) is null)
            {
                throw Ec2Errors.InvalidParameterValue($"The filter '{filter.Name}' is invalid");
            }

            if (filter.Values.Count == 0)
            {
                throw Ec2Errors.InvalidParameterValue($"The filter '{filter.Name}' requires at least one value");
            }
        }
    }

    /// <summary>Every filter matches (AND) when one of its values matches one of the instance's values (OR).</summary>
    public static bool Matches(SimulatedInstance instance, IEnumerable<Ec2Filter> filters) =>
        filters.All(filter => Values(filter.Name, instance)!.Any(value => Wildcard.IsMatchAny(filter.Values, value)));

    // With no instance: only whether the name is known (non-null).
    private static IReadOnlyList<string?>? Values(string name, SimulatedInstance? instance)
    {
        var view = instance is null ? null : new Ec2InstanceView(instance);
        if (name.StartsWith("tag:", StringComparison.Ordinal))
        {
            return [view is not null && view.Tags.TryGetValue(name["tag:".Length..], out var tagValue) ? tagValue : null];
        }

        return name switch
        {
            "instance-id" => [view?.InstanceId],
            "tag-key" => [.. view?.Tags.Keys ?? []],
            "tag-value" => [.. view?.Tags.Values ?? []],
            "private-ip-address" or "network-interface.addresses.private-ip-address" => [view?.PrivateIpAddress],
            "ip-address" or "network-interface.association.public-ip" => [view?.PublicIpAddress],
            "dns-name" => [view?.PublicDnsName],
            "private-dns-name" => [view?.PrivateDnsName],
            "ipv6-address" or "network-interface.ipv6-addresses.ipv6-address" => [view?.Ipv6Address],
            "instance-state-name" => [view?.StateName],
            "instance-state-code" => [view?.StateCode],
            "vpc-id" => [view?.VpcId],
            "subnet-id" => [view?.SubnetId],
            "availability-zone" => [view?.AvailabilityZone],
            "image-id" => [view?.ImageId],
            "instance-type" => [view?.InstanceType],
            "platform-details" => [view?.PlatformDetails],
            _ => null,
        };
    }
}
