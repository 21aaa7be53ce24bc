namespace EicAgent.Agent.Core;

/// <summary>
/// Which parent of a ProxyCommand counts as an ssh client: an executable named `ssh` (`ssh.exe` on Windows),
/// wherever it lives. The name is what OpenSSH installs everywhere (/usr/bin, Homebrew, Git for Windows,
/// Windows' own OpenSSH); comparing with the ssh on some PATH would refuse a user's second ssh without keeping
/// out anyone who can put a program named ssh on disk. It keeps a same-user script or tool from minting
/// keys for itself by accident or by a simple call; it does not stop same-user code that copies or starts a real
/// ssh with its own ProxyCommand, or that can ptrace ssh (README: "What the binding protects against").
/// </summary>
internal static class SshClientExecutable
{
    public static bool Is(string? executableName) => OperatingSystem.IsWindows()
        ? string.Equals(executableName, "ssh.exe", StringComparison.OrdinalIgnoreCase)
        : executableName == "ssh";
}
