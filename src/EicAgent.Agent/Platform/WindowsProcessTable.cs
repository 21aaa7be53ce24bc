using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace EicAgent.Agent.Platform;

/// <summary>
/// The parent pid from NtQueryInformationProcess(ProcessBasicInformation); the start time from the process's
/// creation time; the image name from the process's name (which .NET gives without ".exe").
/// </summary>
[SupportedOSPlatform("windows")]
internal sealed partial class WindowsProcessTable : IProcessTable
{
    private const int ProcessBasicInformation = 0;

    public int? ParentProcessId(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            var information = new ProcessBasicInformationData();
            var status = NtQueryInformationProcess(
                process.Handle, ProcessBasicInformation, ref information, Marshal.SizeOf<ProcessBasicInformationData>(), out _);
            return status == 0 ? (int)information.InheritedFromUniqueProcessId : null;
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    public long? StartTime(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return process.StartTime.ToUniversalTime().Ticks;
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    public string? ExecutableName(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return process.ProcessName + ".exe";
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    [LibraryImport("ntdll.dll")]
    private static partial int NtQueryInformationProcess(
        IntPtr processHandle, int processInformationClass, ref ProcessBasicInformationData processInformation, int length, out int returnLength);

    [StructLayout(LayoutKind.Sequential)]
    private struct ProcessBasicInformationData
    {
        public IntPtr ExitStatus;
        public IntPtr PebBaseAddress;
        public IntPtr AffinityMask;
        public IntPtr BasePriority;
        public IntPtr UniqueProcessId;
        public IntPtr InheritedFromUniqueProcessId;
    }
}
