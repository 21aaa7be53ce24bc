namespace EicAgent.Simulator.SerialConsole;

/// <summary>
/// The serial console needs an instance type built on the Nitro System. The Xen-based families are the exceptions
/// (current Nitro families are the rest); their bare-metal sizes run on Nitro too.
/// </summary>
internal static class NitroInstanceTypes
{
    private static readonly HashSet<string> XenFamilies = new(StringComparer.OrdinalIgnoreCase)
    {
        "t1", "t2", "m1", "m2", "m3", "m4", "c1", "c3", "c4", "cc2", "cr1", "r3", "r4", "i2", "i3", "d2", "h1", "x1", "x1e",
        "g2", "g3", "g3s", "p2", "p3", "f1", "hs1",
    };

    public static bool IsNitro(string instanceType)
    {
        var dot = instanceType.IndexOf('.', StringComparison.Ordinal);
        var family = dot < 0 ? instanceType : instanceType[..dot];
        var size = dot < 0 ? "" : instanceType[(dot + 1)..];
        return !XenFamilies.Contains(family) || size.StartsWith("metal", StringComparison.OrdinalIgnoreCase) || instanceType.Equals("m4.16xlarge", StringComparison.OrdinalIgnoreCase);
    }
}
