namespace EicAgent.Simulator.Sshd;

/// <summary>
/// The descendants of a process, read from /proc (Linux): sshd forks a process per connection and more per session,
/// and shutdown must see every one of them gone, not just the listener.
/// </summary>
internal static class ProcessTree
{
    public static IReadOnlyList<int> Descendants(int root)
    {
        var parents = new Dictionary<int, int>();
        foreach (var directory in SafeEnumerate("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), out var pid) && ParentAndState(pid) is { } entry)
            {
                parents[pid] = entry.Parent;
            }
        }

        var found = new List<int>();
        var frontier = new Queue<int>([root]);
        while (frontier.TryDequeue(out var parent))
        {
            foreach (var child in parents.Where(p => p.Value == parent).Select(p => p.Key))
            {
                found.Add(child);
                frontier.Enqueue(child);
            }
        }

        return found;
    }

    /// <summary>True once the process no longer exists or is only a zombie waiting to be reaped.</summary>
    public static bool IsGone(int pid) => ParentAndState(pid) is null or { State: 'Z' or 'X' };

    /// <summary>When the process started (clock ticks since boot): with the pid, it names one process even after pid reuse.</summary>
    public static long? StartTime(int pid) => Stat(pid) is { } fields && long.TryParse(fields[19], out var ticks) ? ticks : null;

    /// <summary>The processes whose command line names a file under <paramref name="directory"/>.</summary>
    public static IReadOnlyList<int> Using(string directory)
    {
        var prefix = directory.TrimEnd('/') + "/";
        var found = new List<int>();
        foreach (var entry in SafeEnumerate("/proc"))
        {
            if (int.TryParse(Path.GetFileName(entry), out var pid) && CommandLine(pid).Contains(prefix, StringComparison.Ordinal))
            {
                found.Add(pid);
            }
        }

        return found;
    }

    private static (char State, int Parent)? ParentAndState(int pid) =>
        Stat(pid) is { } fields && int.TryParse(fields[1], out var parent) ? (fields[0][0], parent) : null;

    // /proc/PID/stat: "pid (comm) state ppid ... starttime(22nd) ..."; comm may hold spaces and parentheses,
    // so the fields are counted from after the last ')': [0] is the state, [1] the parent, [19] the start time.
    private static string[]? Stat(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return fields.Length > 19 ? fields : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    private static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }

    private static IEnumerable<string> SafeEnumerate(string path) =>
        Directory.Exists(path) ? Directory.EnumerateDirectories(path) : [];
}
