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

    // /proc/PID/stat: "pid (comm) state ppid ..."; comm may hold spaces and parentheses, so split after the last ')'.
    private static (char State, int Parent)? ParentAndState(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (fields[0][0], int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    private static IEnumerable<string> SafeEnumerate(string path) =>
        Directory.Exists(path) ? Directory.EnumerateDirectories(path) : [];
}
