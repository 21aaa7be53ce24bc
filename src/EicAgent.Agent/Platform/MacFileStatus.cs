using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace EicAgent.Agent.Platform;

/// <summary>
/// lstat(2) with the 64-bit inode struct stat (st_mode, 16 bits, at byte 4; st_uid at byte 16). On Intel the
/// symbol of that variant is lstat$INODE64; Apple silicon has only that one, named lstat.
/// </summary>
[SupportedOSPlatform("macos")]
internal static partial class MacFileStatus
{
    private const int StatSize = 144;
    private const int ModeOffset = 4;
    private const int UidOffset = 16;

    public static FileStatus? Read(string path)
    {
        var buffer = new byte[StatSize];
        var result = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? lstat_inode64(path, buffer) : lstat(path, buffer);
        return result == 0
            ? FileStatus.FromModeBits(BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(UidOffset)), BinaryPrimitives.ReadUInt16LittleEndian(buffer.AsSpan(ModeOffset)))
            : null;
    }

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int lstat(string path, [Out] byte[] buffer);

    [LibraryImport("libc", EntryPoint = "lstat$INODE64", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int lstat_inode64(string path, [Out] byte[] buffer);
}
