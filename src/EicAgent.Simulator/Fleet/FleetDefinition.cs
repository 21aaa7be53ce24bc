namespace EicAgent.Simulator.Fleet;

/// <summary>The instances and Instance Connect Endpoints a simulator serves.</summary>
public sealed record FleetDefinition(
    IReadOnlyList<InstanceDefinition> Instances,
    IReadOnlyList<ConnectEndpointDefinition> ConnectEndpoints)
{
    /// <summary>The fleet `eic sim` and the tests use: see <see cref="DefaultFleet"/>.</summary>
    public static FleetDefinition Default => DefaultFleet.Definition;
}
