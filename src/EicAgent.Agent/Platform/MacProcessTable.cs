using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace EicAgent.Agent.Platform;

/// <summary>
/// proc_pidinfo(PROC_PIDTBSDINFO) from libproc: the parent pid and the start time of a process; proc_pidpath for
/// its executable.
/// </summary>
[SupportedOSPlatform("macos")]
internal sealed partial class MacProcessTable : IProcessTable
{
    private const int ProcPidTbsdInfo = 3;
    private const int ProcPidPathInfoMaxSize = 4096;

    // struct proc_bsdinfo: 136 bytes; pbi_ppid at 16, pbi_start_tvsec at 120, pbi_start_tvusec at 128.
    private const int BsdInfoSize = 136;
    private const int ParentOffset = 16;
    private const int StartSecondsOffset = 120;
    private const int StartMicrosecondsOffset = 128;

    public int? ParentProcessId(int processId) =>
        ReadBsdInfo(processId) is { } info ? (int)BinaryPrimitives.ReadUInt32LittleEndian(info.AsSpan(ParentOffset)) : null;

    public long? StartTime(int processId)
    {
        if (ReadBsdInfo(processId) is not { } info)
        {
            return null;
        }

        var seconds = (long)BinaryPrimitives.ReadUInt64LittleEndian(info.AsSpan(StartSecondsOffset));
        var microseconds = (long)BinaryPrimitives.ReadUInt64LittleEndian(info.AsSpan(StartMicrosecondsOffset));
        return (seconds * 1_000_000) + microseconds;
    }

    public string? ExecutableName(int processId)
    {
        var buffer = new byte[ProcPidPathInfoMaxSize];
        var length = proc_pidpath(processId, buffer, (uint)buffer.Length);
        return length > 0 ? Path.GetFileName(System.Text.Encoding.UTF8.GetString(buffer, 0, length)) : null;
    }

    private static byte[]? ReadBsdInfo(int processId)
    {
        var buffer = new byte[BsdInfoSize];
        return proc_pidinfo(processId, ProcPidTbsdInfo, 0, buffer, buffer.Length) == BsdInfoSize ? buffer : null;
    }

    [LibraryImport("libproc")]
    private static partial int proc_pidinfo(int pid, int flavor, ulong arg, [Out] byte[] buffer, int bufferSize);

    [LibraryImport("libproc")]
    private static partial int proc_pidpath(int pid, [Out] byte[] buffer, uint bufferSize);
}
