using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace EicAgent.Agent.KeyFiles;

/// <summary>A file's device and inode, read with statx (whose layout is the same on every Linux architecture).</summary>
[SupportedOSPlatform("linux")]
internal readonly partial record struct FileIdentity(uint DeviceMajor, uint DeviceMinor, ulong Inode)
{
    private const int AtFdCwd = -100;
    private const uint StatxIno = 0x100;
    private const int StatxSize = 256;
    private const int InodeOffset = 32;
    private const int DeviceMajorOffset = 136;
    private const int DeviceMinorOffset = 140;

    /// <summary>What <paramref name="path"/> leads to (following links, as /proc/PID/fd/N); null if it is gone.</summary>
    public static FileIdentity? Of(string path)
    {
        Span<byte> buffer = stackalloc byte[StatxSize];
        if (statx(AtFdCwd, path, 0, StatxIno, ref MemoryMarshal.GetReference(buffer)) != 0)
        {
            return null;
        }

        // Native byte order: the kernel fills the struct as the machine stores numbers.
        return new FileIdentity(
            MemoryMarshal.Read<uint>(buffer[DeviceMajorOffset..]), MemoryMarshal.Read<uint>(buffer[DeviceMinorOffset..]), MemoryMarshal.Read<ulong>(buffer[InodeOffset..]));
    }

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int statx(int directoryFd, string path, int flags, uint mask, ref byte buffer);
}
