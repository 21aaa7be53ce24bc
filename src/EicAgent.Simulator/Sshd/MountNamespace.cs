using Microsoft.Win32.SafeHandles;

namespace EicAgent.Simulator.Sshd;

/// <summary>
/// The mount namespace of an instance run as its own machine (unshare), held open: every process left in it at
/// shutdown belongs to that instance, however it was reparented. /proc names a namespace by number
/// (`mnt:[4026532...]`), and the kernel gives a freed number to the next namespace made -- another simulator's
/// instance starting at that moment. Holding the namespace open keeps it, and its number, ours until disposed.
/// </summary>
internal sealed class MountNamespace : IDisposable
{
    private readonly SafeFileHandle _handle;

    private MountNamespace(SafeFileHandle handle, string name)
    {
        _handle = handle;
        Name = name;
    }

    /// <summary>`mnt:[N]`, as /proc/PID/ns/mnt links to it.</summary>
    public string Name { get; }

    /// <summary>Holds the mount namespace of <paramref name="pid"/>; null when it is this process's own, or the process is gone.</summary>
    public static MountNamespace? HoldOwnOf(int pid)
    {
        SafeFileHandle handle;
        try
        {
            handle = File.OpenHandle($"/proc/{pid}/ns/mnt");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        // The name of what was opened, not of what the pid names now.
        var name = NameOf($"/proc/self/fd/{handle.DangerousGetHandle()}");
        if (name is null || name == NameOf($"/proc/{Environment.ProcessId}/ns/mnt"))
        {
            handle.Dispose();
            return null;
        }

        return new MountNamespace(handle, name);
    }

    /// <summary>The processes in this namespace now.</summary>
    public IReadOnlyList<int> Members() =>
    [
        .. Directory.EnumerateDirectories("/proc")
            .Select(Path.GetFileName)
            .Select(name => int.TryParse(name, out var pid) ? pid : 0)
            .Where(pid => pid > 0 && NameOf($"/proc/{pid}/ns/mnt") == Name),
    ];

    public void Dispose() => _handle.Dispose();

    private static string? NameOf(string link)
    {
        try
        {
            return new FileInfo(link).LinkTarget;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
