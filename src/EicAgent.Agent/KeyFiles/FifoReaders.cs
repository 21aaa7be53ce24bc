using System.Runtime.Versioning;

namespace EicAgent.Agent.KeyFiles;

/// <summary>
/// Who holds a FIFO open for reading, from /proc/PID/fd: the kernel's own record, not what anybody says. Only
/// processes whose descriptors we may read are seen, which covers every process of the agent's user.
/// </summary>
[SupportedOSPlatform("linux")]
internal static class FifoReaders
{
    private const int AccessModeMask = 3;
    private const int WriteOnly = 1;

    /// <summary>One entry per descriptor open for reading on <paramref name="fifo"/>, except the agent's own.</summary>
    public static List<int> Of(FileIdentity fifo, string path)
    {
        var readers = new List<int>();
        var self = Environment.ProcessId;
        foreach (var processDirectory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(processDirectory), out var pid) || pid == self)
            {
                continue;
            }

            readers.AddRange(Enumerable.Repeat(pid, ReadingDescriptors(processDirectory, fifo, path)));
        }

        return readers;
    }

    /// <summary>Whether process <paramref name="pid"/> holds <paramref name="fifo"/> open for reading: one process's descriptors only.</summary>
    public static bool HeldBy(int pid, FileIdentity fifo, string path) => ReadingDescriptors($"/proc/{pid}", fifo, path) > 0;

    private static int ReadingDescriptors(string processDirectory, FileIdentity fifo, string path) =>
        Descriptors(processDirectory).Count(descriptor => Targets(descriptor, path) && FileIdentity.Of(descriptor) == fifo && !IsWriteOnly(processDirectory, descriptor));

    private static IEnumerable<string> Descriptors(string processDirectory)
    {
        try
        {
            return Directory.GetFiles(Path.Combine(processDirectory, "fd"));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return []; // Exited, or another user's.
        }
    }

    // The link names the path it was opened by (with " (deleted)" once replaced): a cheap filter before statx.
    private static bool Targets(string descriptor, string path)
    {
        try
        {
            return new FileInfo(descriptor).LinkTarget is { } target && target.StartsWith(path, StringComparison.Ordinal);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    // The "flags:" line of /proc/PID/fdinfo/N, in octal: a write-only holder (a proxy releasing a stale pipe) reads nothing.
    private static bool IsWriteOnly(string processDirectory, string descriptor)
    {
        try
        {
            var info = File.ReadAllLines(Path.Combine(processDirectory, "fdinfo", Path.GetFileName(descriptor)));
            var flags = info.FirstOrDefault(line => line.StartsWith("flags:", StringComparison.Ordinal));
            return flags is not null && (Convert.ToInt32(flags["flags:".Length..].Trim(), 8) & AccessModeMask) == WriteOnly;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or FormatException)
        {
            return false;
        }
    }
}
