using System.Runtime.Versioning;
using System.Text.RegularExpressions;

namespace EicAgent.Agent.KeyFiles;

/// <summary>
/// Where ssh finds a connection's key as its IdentityFile: `key-USER@HOST:PORT` in the agent socket's directory,
/// which only the user can enter. ssh has no per-process token for IdentityFile, so every ssh to the same host,
/// port and user shares the path; the agent serves each open of it on its own (<see cref="KeyFileServer"/>).
/// </summary>
public static partial class KeyFileDirectory
{
    public const string Prefix = "key-";

    /// <summary>The name a pipe is made under before it is moved to its path.</summary>
    internal const string NextSuffix = ".next";

    /// <summary>The name a pipe is moved to before it is closed, so that nobody opens it meanwhile.</summary>
    internal const string GoneSuffix = ".gone";

    /// <summary>The IdentityFile (and the proxy's --key-file): ssh expands the same tokens in both.</summary>
    public static string IdentityFileFor(string socketPath) => Path.Combine(DirectoryOf(socketPath), Prefix + "%r@%h:%p");

    public static string DirectoryOf(string socketPath) => Path.GetDirectoryName(Path.GetFullPath(socketPath))!;

    /// <summary>null when key files can be handed over in <paramref name="directory"/>, else why the agent offers the key instead.</summary>
    public static string? Unusable(string directory)
    {
        if (!OperatingSystem.IsLinux())
        {
            return "key files need Linux (named pipes and /proc)";
        }

        try
        {
            const UnixFileMode others = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
                | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
            return (File.GetUnixFileMode(directory) & others) != 0 ? $"{directory} is open to other users" : null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return $"{directory}: {exception.Message}";
        }
    }

    /// <summary>null when <paramref name="path"/> is a key file path in <paramref name="directory"/>, else why not.</summary>
    public static string? NotAKeyFile(string path, string directory) =>
        string.Equals(Path.GetDirectoryName(path), Path.GetFullPath(directory), StringComparison.Ordinal) && SafeName().IsMatch(Path.GetFileName(path))
            ? null
            : $"{path} is not a key file path of this agent ({Path.Combine(directory, Prefix)}USER@HOST:PORT)";

    /// <summary>
    /// Removes the pipes an agent that was killed left behind (ours are always removed), releasing any ssh blocked
    /// opening one. For the agent as it starts.
    /// </summary>
    [SupportedOSPlatform("linux")]
    public static void RemoveLeftovers(string directory)
    {
        foreach (var leftover in Directory.EnumerateFileSystemEntries(directory, Prefix + "*"))
        {
            if (SafeName().IsMatch(Path.GetFileName(leftover)))
            {
                LinuxFifo.Release(leftover, leftover + GoneSuffix);
            }
        }
    }

    /// <summary>
    /// For the ProxyCommand when its agent cannot be reached: a pipe at <paramref name="path"/> is then served by
    /// nobody, and an ssh opening it would block there for good. Only a key file name is touched.
    /// </summary>
    [SupportedOSPlatform("linux")]
    public static void ReleaseUnserved(string path)
    {
        if (SafeName().IsMatch(Path.GetFileName(path)) && File.Exists(path))
        {
            LinuxFifo.Release(path, path + GoneSuffix + Environment.ProcessId);
        }
    }

    [GeneratedRegex(@"^key-[A-Za-z0-9._@:-]{1,200}$")]
    private static partial Regex SafeName();
}
