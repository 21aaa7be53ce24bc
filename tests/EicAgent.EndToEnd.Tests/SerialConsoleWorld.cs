using EicAgent.Simulator.Fleet;

namespace EicAgent.EndToEnd.Tests;

/// <summary>An <see cref="EicWorld"/> of its own for the serial console (its account switch is world-wide), where web-2 is a Xen t2.micro.</summary>
public sealed class SerialConsoleWorld : EicWorld
{
    public const string XenInstance = "web-2";

    protected override FleetDefinition Fleet => FleetDefinition.Default with
    {
        Instances = [.. FleetDefinition.Default.Instances.Select(i => i.Name == XenInstance ? i with { InstanceType = "t2.micro" } : i)],
    };
}
