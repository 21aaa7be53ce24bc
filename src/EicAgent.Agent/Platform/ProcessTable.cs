namespace EicAgent.Agent.Platform;

/// <summary>The one place that picks the process table of the platform we run on.</summary>
internal static class ProcessTable
{
    public static IProcessTable Current { get; } = Create();

    private static IProcessTable Create()
    {
        if (OperatingSystem.IsLinux())
        {
            return new LinuxProcessTable();
        }

        if (OperatingSystem.IsMacOS())
        {
            return new MacProcessTable();
        }

        if (OperatingSystem.IsWindows())
        {
            return new WindowsProcessTable();
        }

        throw new PlatformNotSupportedException("eic agent runs on Linux, macOS and Windows");
    }
}
