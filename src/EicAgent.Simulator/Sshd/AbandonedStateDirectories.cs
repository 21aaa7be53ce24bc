using System.Globalization;
using System.Text.RegularExpressions;

namespace EicAgent.Simulator.Sshd;

/// <summary>
/// A simulator that was killed outright (SIGKILL, a test host that timed out) cannot stop its sshd processes or
/// remove its state directory. Each state directory names its owner (pid and start time); the next simulator using
/// the same parent directory stops what a dead owner left running there and removes the directory.
/// </summary>
internal static partial class AbandonedStateDirectories
{
    private const string OwnerFile = "owner";

    public static void MarkOwned(string stateDirectory)
    {
        var pid = Environment.ProcessId;
        File.WriteAllText(Path.Combine(stateDirectory, OwnerFile), $"{pid} {ProcessTree.StartTime(pid)}");
    }

    public static void Remove(string parent)
    {
        foreach (var directory in Directory.EnumerateDirectories(parent, "eic-sim-*").Where(d => StateDirectoryName().IsMatch(Path.GetFileName(d))))
        {
            if (!IsAbandoned(directory))
            {
                continue;
            }

            foreach (var pid in ProcessTree.Using(directory))
            {
                Kill(pid);
            }

            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Another simulator is removing it at the same moment, or it is not ours to remove.
            }
        }
    }

    // Without an owner file the directory may be a simulator still starting: leave it.
    private static bool IsAbandoned(string directory)
    {
        string owner;
        try
        {
            owner = File.ReadAllText(Path.Combine(directory, OwnerFile));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }

        var fields = owner.Split(' ');
        return fields.Length == 2
            && int.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            && ProcessTree.StartTime(pid)?.ToString(CultureInfo.InvariantCulture) != fields[1];
    }

    private static void Kill(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            process.Kill(entireProcessTree: true);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Already gone.
        }
    }

    [GeneratedRegex("^eic-sim-[0-9a-f]{12}$")]
    private static partial Regex StateDirectoryName();
}
