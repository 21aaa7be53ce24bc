using EicAgent.Agent.KeyFiles;
using EicAgent.Cli.HostKeys;
using EicAgent.Cli.Untrusted;

namespace EicAgent.Cli.SshConfig;

/// <summary>
/// The ssh_config block that makes plain OpenSSH (and scp, rsync, sftp, git, VS Code) use EicAgent.
/// `ssh_config.example` is this block rendered for a typical install; `eic ssh-config` renders it for this machine.
/// </summary>
internal static class SshConfigBlock
{
    /// <summary>The block, with <see cref="Multiplexing"/> lines at the end of its `Host` section when <paramref name="multiplex"/> is set.</summary>
    /// <exception cref="UnsafePathException">A path cannot be written into ssh_config (see <see cref="SshConfigPaths"/>).</exception>
    public static string Render(string eicPath, string socketPath, bool multiplex = false) =>
        multiplex ? Block(eicPath, socketPath) + Multiplexing(socketPath) : Block(eicPath, socketPath);

    /// <summary>
    /// `eic ssh-config --multiplex`: ControlMaster sockets beside the agent socket (a directory only the user can
    /// enter). OpenSSH for Windows has no ControlMaster, so there is nothing to add there.
    /// </summary>
    private static string Multiplexing(string socketPath)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("--multiplex needs ControlMaster, which OpenSSH for Windows does not have");
        }

        var directory = Path.GetDirectoryName(socketPath);
        return $"""
                # --multiplex: the first connection to an instance as a user logs in; the sessions after it ride that
                # connection (until 60 s after the last one ends) with no new key, push or handshake. Each login makes
                # the instance check every key pushed for that user in the last minute, so parallel jobs should share one.
                ControlMaster auto
                ControlPath {SshConfigPaths.ExpandedArgument($"{directory}/cm-", "%C")}
                ControlPersist 60

            """;
    }

    /// <summary>
    /// Linux: the agent hands ssh its key through a pipe at this IdentityFile, which appears only after ssh has
    /// loaded its identity files, so ssh signs with it at once and the instance looks the key up once, not twice.
    /// Elsewhere the agent offers the key.
    /// </summary>
    private static string KeyFileArgument(string socketPath) => OperatingSystem.IsLinux()
        ? $" --key-file {SshConfigPaths.ProxyCommandWord(Path.Combine(KeyFileDirectory.DirectoryOf(socketPath), KeyFileDirectory.Prefix))}{KeyFileTokens}"
        : "";

    private static string KeyFileLines(string socketPath) => OperatingSystem.IsLinux()
        ? $"""
                # Where ssh reads this connection's key (a pipe that exists for a moment; --key-file above): ssh signs
                # with it at once instead of offering it first, so the instance looks the key up once, not twice.
                IdentityFile {SshConfigPaths.ExpandedArgument(Path.Combine(KeyFileDirectory.DirectoryOf(socketPath), KeyFileDirectory.Prefix), KeyFileTokens)}
                # The key is for this one connection: never keep it in an agent.
                AddKeysToAgent no

            """
        : "";

    private const string KeyFileTokens = "%r@%h:%p";

    /// <summary>
    /// Where ssh finds the instance's console host keys. With a socket (Linux, macOS) the agent writes them into a
    /// known_hosts file before the proxy connects: no process per login. With a named pipe (Windows) ssh runs
    /// `eic known-hosts` (OpenSSH 8.5+; the 8.1 that Windows ships skips it).
    /// </summary>
    private static string KnownHostsArgument(string socketPath) => AgentKnownHostsFile.PathFor(socketPath) is null ? "" : " --known-hosts-name %k";

    private static string HostKeyLines(string eicPath, string socketPath) => AgentKnownHostsFile.PathFor(socketPath) is { } file
        ? $"""
                # The host keys the instance printed to its console at boot: the agent writes them into this file under
                # the names ssh checks (%h, and %k: the HostKeyAlias, else the name typed) before the proxy connects, so
                # the first login is verified without a prompt. Your own known_hosts files count as before.
                GlobalKnownHostsFile /etc/ssh/ssh_known_hosts /etc/ssh/ssh_known_hosts2 {SshConfigPaths.UnexpandedWord(file)}

            """
        : $"""
                # The host keys the instance printed to its console at boot (%H: the name checked, %h: the instance), so
                # the first login is verified without a prompt; known_hosts still counts too. OpenSSH 8.5+ (older: skipped).
                # The agent answers from what it has just resolved for the ProxyCommand: no AWS call of its own.
                IgnoreUnknown KnownHostsCommand
                KnownHostsCommand {SshConfigPaths.UnexpandedWord(eicPath)} known-hosts --socket {SshConfigPaths.ExpandedArgument(socketPath)} %H %h

            """;

    private static string Block(string eicPath, string socketPath) => $"""
        # EicAgent: ssh, scp, rsync, sftp, git and VS Code Remote-SSH to EC2 instances through EC2 Instance Connect.
        # Include this file at the TOP of ~/.ssh/config (`./install` does it):   Include ~/.ssh/eic_config
        # ssh takes the first value it finds for each setting: to change one for some hosts, write their
        # `Host` block above the Include line, or say it on the command line (`ssh ubuntu@web-1.eic`).

        # One Host entry per instance (NAME.eic with its AMI's user), written by `eic config`; read first so that
        # its User and HostName count. A missing file is fine.
        Include ~/.ssh/eic_hosts

        {SerialConsoleBlock.Section(eicPath, socketPath)}# Which names go through EicAgent: instance ids (i-0123456789abcdef0), and anything ending in `.eic`:
        #   NAME.eic, NAME.PROFILE.eic, NAME.PROFILE.REGION.eic -- NAME is a Name tag, DNS name, IP or instance id,
        #   PROFILE an AWS profile, REGION an AWS region (e.g. web-1.prod.eu-west-1.eic).
        Host i-* *.eic
            # eic resolves the name, has the agent mint a key for this one connection and push it for %r,
            # then carries the bytes (directly, or through an EC2 Instance Connect Endpoint).
            ProxyCommand {SshConfigPaths.ProxyCommandWord(eicPath)} proxy --socket {SshConfigPaths.ProxyCommandWord(socketPath)} %h %p %r{KeyFileArgument(socketPath)}{KnownHostsArgument(socketPath)}
            # Or push a key of yours for each connection instead (Ed25519, or RSA of 2048 bits or more), here or in a
            # Host block of its own above the Include: a key file (its .pub is read), or SHA256:... of a key that eic's
            # agent or its upstream agent holds. Whoever holds the private half signs.
            #ProxyCommand {SshConfigPaths.ProxyCommandWord(eicPath)} proxy --socket {SshConfigPaths.ProxyCommandWord(socketPath)} --push-key ~/.ssh/id_ed25519 %h %p %r{KnownHostsArgument(socketPath)}
            # The agent that holds the minted key; it offers it only to the ssh process that asked for it.
            IdentityAgent {SshConfigPaths.ExpandedArgument(socketPath)}
        {KeyFileLines(socketPath)}    # Agent keys must be offered: IdentitiesOnly yes would hide the minted key.
            IdentitiesOnly no
            # The instance's OS user unless you say another (Amazon Linux: ec2-user, Ubuntu: ubuntu, Debian: admin).
            User ec2-user
            # An EC2 instance id or name is not a DNS name: never look it up or canonicalise it.
            CanonicalizeHostname no
            # Keep the key in the agent, never forward it to the instance.
            ForwardAgent no
        {HostKeyLines(eicPath, socketPath)}
        """;
}
