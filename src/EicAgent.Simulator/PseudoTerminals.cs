namespace EicAgent.Simulator;

/// <summary>
/// Whether a non-root sshd can give a session a terminal: sshd chowns the new /dev/pts/N to the `tty` group, which
/// only root may do unless devpts already made it so (mounted with gid=5, as systemd mounts it). Linux only.
/// </summary>
internal static class PseudoTerminals
{
    public static bool OwnedByUsersGroup()
    {
        const string mounts = "/proc/self/mounts";
        if (!File.Exists(mounts))
        {
            return false;
        }

        var devpts = File.ReadLines(mounts).Select(line => line.Split(' ')).FirstOrDefault(f => f.Length > 3 && f[2] == "devpts" && f[1] == "/dev/pts");
        return devpts is not null && !devpts[3].Split(',').Any(option => option.StartsWith("gid=", StringComparison.Ordinal));
    }
}
