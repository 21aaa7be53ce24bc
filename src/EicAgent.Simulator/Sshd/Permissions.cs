namespace EicAgent.Simulator.Sshd;

/// <summary>The Unix modes sshd insists on, and whether we run as root (which decides ports, users and file owners).</summary>
internal static class Permissions
{
    public const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>rwxr-xr-x: what the AuthorizedKeysCommand and its directories need so that `nobody` can run it.</summary>
    public const UnixFileMode Executable = Private
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    public static bool IsRoot { get; } = EffectiveUserId() == 0;

    // Linux: "Uid: real effective saved fs" in /proc/self/status; elsewhere the user name tells.
    private static long EffectiveUserId()
    {
        const string status = "/proc/self/status";
        if (File.Exists(status))
        {
            var uidLine = File.ReadLines(status).FirstOrDefault(line => line.StartsWith("Uid:", StringComparison.Ordinal));
            var fields = uidLine?.Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries);
            if (fields is { Length: > 2 } && long.TryParse(fields[2], out var euid))
            {
                return euid;
            }
        }

        return Environment.UserName == "root" ? 0 : -1;
    }
}
