namespace EicAgent.Simulator.Tests;

/// <summary>Every process's command line, from /proc: to prove that no sshd of a simulator is left.</summary>
internal static class RunningProcesses
{
    public static IEnumerable<(int Pid, string CommandLine)> All() =>
        Directory.EnumerateDirectories("/proc")
            .Select(directory => (Pid: int.TryParse(Path.GetFileName(directory), out var pid) ? pid : 0, Directory: directory))
            .Where(p => p.Pid > 0)
            .Select(p => (p.Pid, Read(Path.Combine(p.Directory, "cmdline"))));

    /// <summary>The processes whose command line names a file under <paramref name="directory"/>.</summary>
    public static IReadOnlyList<int> Using(string directory) =>
        [.. All().Where(p => p.CommandLine.Contains(directory + "/", StringComparison.Ordinal)).Select(p => p.Pid)];

    private static string Read(string path)
    {
        try
        {
            return File.ReadAllText(path).Replace('\0', ' ');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }
}
