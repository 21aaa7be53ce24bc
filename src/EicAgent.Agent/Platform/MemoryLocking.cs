using System.Runtime.InteropServices;

namespace EicAgent.Agent.Platform;

/// <summary>Pins pages in RAM: mlock on Linux and macOS (plus MADV_DONTDUMP on Linux), VirtualLock on Windows.</summary>
internal static unsafe partial class MemoryLocking
{
    private const int MadviseDontDump = 16;

    /// <summary>Whether the pages are now locked; false when the OS refused (e.g. RLIMIT_MEMLOCK reached).</summary>
    public static bool Lock(void* start, nuint size)
    {
        if (OperatingSystem.IsWindows())
        {
            return VirtualLock(start, size);
        }

        if (OperatingSystem.IsLinux())
        {
            // Not in a core dump even where dumps are allowed again (e.g. by a debugger); failure changes nothing else.
            _ = madvise(start, size, MadviseDontDump);
        }

        return mlock(start, size) == 0;
    }

    public static void Unlock(void* start, nuint size)
    {
        if (OperatingSystem.IsWindows())
        {
            _ = VirtualUnlock(start, size);
        }
        else
        {
            _ = munlock(start, size);
        }
    }

    [LibraryImport("libc")]
    private static partial int mlock(void* address, nuint length);

    [LibraryImport("libc")]
    private static partial int munlock(void* address, nuint length);

    [LibraryImport("libc")]
    private static partial int madvise(void* address, nuint length, int advice);

    [LibraryImport("kernel32")]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static partial bool VirtualLock(void* address, nuint size);

    [LibraryImport("kernel32")]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static partial bool VirtualUnlock(void* address, nuint size);
}
