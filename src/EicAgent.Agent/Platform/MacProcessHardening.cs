using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace EicAgent.Agent.Platform;

/// <summary>ptrace(PT_DENY_ATTACH): no debugger or task_for_pid attach by the same user from now on.</summary>
[SupportedOSPlatform("macos")]
internal static partial class MacProcessHardening
{
    private const int PtDenyAttach = 31;

    /// <summary>Null when done, else why not.</summary>
    public static string? DenyAttach() =>
        ptrace(PtDenyAttach, 0, IntPtr.Zero, 0) == 0 ? null : $"ptrace(PT_DENY_ATTACH) failed with errno {Marshal.GetLastPInvokeError()}";

    [LibraryImport("libc", SetLastError = true)]
    private static partial int ptrace(int request, int pid, IntPtr address, int data);
}
