using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace EicAgent.Agent.Platform;

/// <summary>prctl(PR_SET_DUMPABLE, 0): /proc/PID/* then belongs to root and ptrace by the same uid is refused.</summary>
[SupportedOSPlatform("linux")]
internal static partial class LinuxProcessHardening
{
    private const int PrSetDumpable = 4;

    /// <summary>Null when done, else why not.</summary>
    public static string? DisableTracing() =>
        prctl(PrSetDumpable, 0, 0, 0, 0) == 0 ? null : $"prctl(PR_SET_DUMPABLE, 0) failed with errno {Marshal.GetLastPInvokeError()}";

    [LibraryImport("libc", SetLastError = true)]
    private static partial int prctl(int option, nuint arg2, nuint arg3, nuint arg4, nuint arg5);
}
