namespace EicAgent.Aws.SerialConsole;

/// <summary>
/// The host names that mean "the serial console of": TARGET[.PROFILE][.REGION].serial.eic. Without the `.serial`
/// label the rest is an ordinary eic name (TARGET[.PROFILE][.REGION].eic), parsed as <see cref="Targets.TargetSpec"/> does.
/// </summary>
public static class SerialHostNames
{
    public const string Suffix = ".serial" + Targets.TargetSpec.Suffix;

    public static bool IsSerial(string host) => host.EndsWith(Suffix, StringComparison.OrdinalIgnoreCase) && host.Length > Suffix.Length;

    /// <summary>web-1.prod.serial.eic -> web-1.prod.eic; any other name unchanged.</summary>
    public static string WithoutSerial(string host) =>
        IsSerial(host) ? host[..^Suffix.Length] + Targets.TargetSpec.Suffix : host;
}
