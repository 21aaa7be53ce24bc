namespace EicAgent.Simulator.Fleet;

/// <summary>The instances, Instance Connect Endpoints and security groups a simulator serves.</summary>
public sealed record FleetDefinition(
    IReadOnlyList<InstanceDefinition> Instances,
    IReadOnlyList<ConnectEndpointDefinition> ConnectEndpoints)
{
    /// <summary>The groups instances and endpoints name in their SecurityGroupIds (DescribeSecurityGroups answers these).</summary>
    public IReadOnlyList<SecurityGroupDefinition> SecurityGroups { get; init; } = [];

    /// <summary>The fleet `eic sim` and the tests use: see <see cref="DefaultFleet"/>.</summary>
    public static FleetDefinition Default => DefaultFleet.Definition;
}
