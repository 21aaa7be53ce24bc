using System.Security.Cryptography;

namespace EicAgent.Simulator.Sshd;

/// <summary>
/// The simulator's state directory and its parts. As root it lives under /run and is root-owned 0755, because sshd
/// runs the AuthorizedKeysCommand (as nobody) only from a root-owned path with no group/world-writable parent (so not /tmp).
/// </summary>
internal static class StateDirectories
{
    public static string Create(string? parent)
    {
        EnsurePrivilegeSeparationDirectory();
        parent ??= Permissions.IsRoot && Directory.Exists("/run") ? "/run" : Path.GetTempPath();
        AbandonedStateDirectories.Remove(parent);
        var path = Path.Combine(parent, "eic-sim-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)));
        Directory.CreateDirectory(path);
        File.SetUnixFileMode(path, Permissions.IsRoot ? Permissions.Executable : Permissions.Private);
        AbandonedStateDirectories.MarkOwned(path);
        return path;
    }

    // sshd started by root refuses to run without /run/sshd (systemd makes it on boot; containers often lack it).
    // It is the system's directory, not ours: it stays.
    private static void EnsurePrivilegeSeparationDirectory()
    {
        if (Permissions.IsRoot && Directory.Exists("/run") && !Directory.Exists("/run/sshd"))
        {
            Directory.CreateDirectory("/run/sshd");
            File.SetUnixFileMode("/run/sshd", Permissions.Executable);
        }
    }

    /// <summary>A subdirectory the AuthorizedKeysCommandUser can enter (rwxr-xr-x).</summary>
    public static string CreateShared(string stateDirectory, string name) => CreateSub(stateDirectory, name, Permissions.Executable);

    /// <summary>A subdirectory for the owner only (host keys).</summary>
    public static string CreatePrivate(string stateDirectory, string name) => CreateSub(stateDirectory, name, Permissions.Private);

    private static string CreateSub(string stateDirectory, string name, UnixFileMode mode)
    {
        var path = Directory.CreateDirectory(Path.Combine(stateDirectory, name)).FullName;
        File.SetUnixFileMode(path, mode);
        return path;
    }
}
