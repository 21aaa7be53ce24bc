using System.Text;

namespace EicAgent.Simulator.Sshd;

/// <summary>What one simulated instance's sshd is told: where to listen (ADDRESS:PORT), which host key, who may log in, and how keys are found.</summary>
internal sealed record SshdConfig(
    string InstanceId,
    IReadOnlyList<string> ListenAddresses,
    string HostKeyPath,
    string AuthorizedKeysScriptPath,
    IReadOnlyList<string> AllowUsers,
    bool DisablePerSourcePenalties,
    string? SessionHome = null)
{
    /// <summary>sshd's LoginGraceTime; null leaves sshd's default (2 minutes).</summary>
    public TimeSpan? LoginGraceTime { get; init; }

    public string Write(string path)
    {
        File.WriteAllText(path, Text());
        return path;
    }

    private string Text()
    {
        var text = new StringBuilder();
        text.AppendLine($"# sshd of simulated EC2 instance {InstanceId} (written by the EicAgent simulator)");
        foreach (var address in ListenAddresses)
        {
            text.AppendLine($"ListenAddress {address}");
        }

        AppendKeyOnlyLogin(text, HostKeyPath);
        // Only keys pushed through EC2 Instance Connect: no authorized_keys files in home directories.
        text.AppendLine("AuthorizedKeysFile none");
        text.AppendLine($"AuthorizedKeysCommand {AuthorizedKeysCommand()}");
        text.AppendLine($"AuthorizedKeysCommandUser {(Permissions.IsRoot ? "nobody" : Environment.UserName)}");
        text.AppendLine($"AllowUsers {string.Join(' ', AllowUsers)}");
        // Tests and parallel transfers open many connections at once from one address.
        text.AppendLine("MaxStartups 100:30:200");
        if (LoginGraceTime is { } grace)
        {
            text.AppendLine($"LoginGraceTime {(int)Math.Ceiling(grace.TotalSeconds)}");
        }

        if (SessionHome is null)
        {
            text.AppendLine("Subsystem sftp internal-sftp");
        }
        else
        {
            // Off root sshd cannot give the instance a /home of its own: every session (shell, command, sftp) starts
            // in the instance's directory with HOME set to it, so relative paths (rsync, scp, git) stay on the instance.
            text.AppendLine("Subsystem sftp /usr/lib/openssh/sftp-server");
            text.AppendLine($"ForceCommand {SessionStart(SessionHome)}");
        }
        if (DisablePerSourcePenalties)
        {
            // OpenSSH 9.8+ would shut out 127.0.0.1 after the refused logins that tests make on purpose.
            text.AppendLine("PerSourcePenalties no");
        }

        return text.ToString();
    }

    /// <summary>What every simulated sshd shares: its host key, no pid file, verbose log, public keys only, no root.</summary>
    internal static void AppendKeyOnlyLogin(StringBuilder text, string hostKeyPath)
    {
        text.AppendLine($"HostKey {hostKeyPath}");
        text.AppendLine("PidFile none");
        text.AppendLine("LogLevel VERBOSE");
        text.AppendLine("UsePAM no");
        text.AppendLine("PermitRootLogin no");
        text.AppendLine("PubkeyAuthentication yes");
        text.AppendLine("PasswordAuthentication no");
        text.AppendLine("KbdInteractiveAuthentication no");
    }

    private static string SessionStart(string home) =>
        $"HOME='{home}'; export HOME; cd \"$HOME\" || exit 1; "
        + "if [ -n \"$SSH_ORIGINAL_COMMAND\" ]; then exec \"$SHELL\" -c \"$SSH_ORIGINAL_COMMAND\"; else exec \"$SHELL\" -l; fi";

    // sshd runs the command only if it and every parent directory belong to root: a non-root simulator cannot
    // own such a file, so it hands its script to the root-owned bash instead.
    private string AuthorizedKeysCommand() => Permissions.IsRoot
        ? $"{AuthorizedKeysScriptPath} {InstanceId} %u %f"
        : $"/bin/bash {AuthorizedKeysScriptPath} {InstanceId} %u %f";
}
