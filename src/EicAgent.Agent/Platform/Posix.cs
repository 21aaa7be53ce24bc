using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace EicAgent.Agent.Platform;

/// <summary>The few libc calls .NET has no API for.</summary>
[UnsupportedOSPlatform("windows")]
internal static partial class Posix
{
    public static uint EffectiveUserId => geteuid();

    [LibraryImport("libc")]
    private static partial uint geteuid();
}
