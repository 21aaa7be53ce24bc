using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace EicAgent.Agent.Platform;

/// <summary>
/// statx(2) without following a final symbolic link. struct statx has one layout on every architecture (unlike
/// struct stat): stx_uid at byte 20, stx_mode (16 bits) at byte 28.
/// </summary>
[SupportedOSPlatform("linux")]
internal static partial class LinuxFileStatus
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint TypeModeAndUid = 0x1 | 0x2 | 0x8;
    private const int StatxSize = 256;
    private const int UidOffset = 20;
    private const int ModeOffset = 28;

    public static FileStatus? Read(string path)
    {
        var buffer = new byte[StatxSize];
        if (statx(AtFdCwd, path, AtSymlinkNoFollow, TypeModeAndUid, buffer) != 0)
        {
            return null;
        }

        return FileStatus.FromModeBits(
            BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(UidOffset)), BinaryPrimitives.ReadUInt16LittleEndian(buffer.AsSpan(ModeOffset)));
    }

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int statx(int directoryFd, string path, int flags, uint mask, [Out] byte[] buffer);
}
