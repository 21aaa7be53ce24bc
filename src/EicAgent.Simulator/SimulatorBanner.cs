using System.Globalization;
using System.Text;

namespace EicAgent.Simulator;

/// <summary>
/// What `eic sim` prints: `export` lines for the environment, and everything else (ssh_config snippet, fleet table)
/// as shell comments, so that the whole text can be pasted into or sourced by a POSIX shell.
/// </summary>
internal static class SimulatorBanner
{
    public static string For(Simulator simulator)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture,
            $"# eic sim: a local AWS at {simulator.Endpoint} (region {simulator.Region}) for {simulator.Caller.Arn}\n");
        text.Append("# Paste these lines into a shell, or run a command inside: eic sim -- COMMAND ...\n");
        foreach (var (name, value) in simulator.Environment)
        {
            text.Append(CultureInfo.InvariantCulture, $"export {name}={ShellQuote(value)}\n");
        }

        if (simulator.ClientCommandsDirectory is { } commands)
        {
            text.Append("# Not root: sshd listens on port ").Append(simulator.SshPort.ToString(CultureInfo.InvariantCulture))
                .Append(" and lets in only ").Append(Environment.UserName).Append(". The ssh, scp and sftp here (and rsync and git through them) use the\n")
                .Append("# ssh_config below, so `ssh i-...`, `scp`, `rsync`, `sftp` and `git` work as the README shows:\n");
            text.Append(CultureInfo.InvariantCulture, $"export PATH={ShellQuote(commands)}:\"$PATH\"\n");
            if (PseudoTerminals.OwnedByUsersGroup())
            {
                text.Append("# /dev/pts is mounted without gid=5 here: a non-root sshd cannot hand a terminal to a session (`chown(/dev/pts/N) failed`),\n")
                    .Append("# so interactive logins end at once; commands (ssh HOST CMD, ssh -T), scp, rsync, sftp and git work.\n");
            }
        }

        text.Append(CultureInfo.InvariantCulture, $"#\n# ssh_config (in {simulator.SshConfigPath}: ssh -F it, or Include it at the top of ~/.ssh/config):\n");
        AppendCommented(text, SshClientConfig.File(simulator));
        text.Append("#\n");
        AppendCommented(text, FleetTable.Format(simulator.Instances));
        text.Append("#\n# Ctrl-C stops the simulator");
        if (simulator.CreatedOsUsers.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $" (the OS users it created stay: {string.Join(", ", simulator.CreatedOsUsers)})");
        }

        return text.Append(".\n").ToString();
    }

    private static void AppendCommented(StringBuilder text, string block)
    {
        foreach (var line in block.TrimEnd('\n').Split('\n'))
        {
            text.Append("# ").Append(line).Append('\n');
        }
    }

    private static string ShellQuote(string value) =>
        value.All(c => char.IsAsciiLetterOrDigit(c) || "-_./:=@".Contains(c, StringComparison.Ordinal))
            ? value
            : "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
