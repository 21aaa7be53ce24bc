using System.Diagnostics;
using System.Reflection;

namespace EicAgent.Cli.Status;

/// <summary>
/// Which eic an agent runs and since when, and whether that binary is still the one on disk: an agent keeps
/// running the code it started with after `./install` replaces the file, which `eic status` must say.
/// </summary>
internal sealed record AgentBinary(string Version, DateTimeOffset StartedAt, string Path)
{
    public enum State : byte
    {
        AsStarted = 0,
        Replaced = 1,
        Removed = 2,
    }

    /// <summary>This build's version (the informational version, with the commit when it was built from git; every assembly of a build carries the same).</summary>
    public static string OwnVersion { get; } =
        typeof(AgentBinary).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    private static readonly Lazy<(AgentBinary Binary, DateTime WrittenAt)> Own = new(() =>
    {
        var path = Environment.ProcessPath ?? "";
        using var self = Process.GetCurrentProcess();
        return (new AgentBinary(OwnVersion, self.StartTime.ToUniversalTime(), path), WrittenAt(path));
    });

    /// <summary>This process: read at start, so that a later replacement of the file can be told.</summary>
    public static AgentBinary Current => Own.Value.Binary;

    /// <summary>Whether this process's binary is still on disk as it was when the process started.</summary>
    public static State CurrentState()
    {
        var (binary, writtenAt) = Own.Value;
        if (!File.Exists(binary.Path))
        {
            return State.Removed;
        }

        // Linux names the running image "PATH (deleted)" once its file is unlinked, e.g. replaced by a rename.
        var running = OperatingSystem.IsLinux() ? new FileInfo("/proc/self/exe").LinkTarget : null;
        return running?.EndsWith(" (deleted)", StringComparison.Ordinal) == true || WrittenAt(binary.Path) != writtenAt
            ? State.Replaced
            : State.AsStarted;
    }

    /// <summary>Call at start, before anything can replace the file.</summary>
    public static void Remember() => _ = Own.Value;

    private static DateTime WrittenAt(string path) => File.Exists(path) ? File.GetLastWriteTimeUtc(path) : default;
}
