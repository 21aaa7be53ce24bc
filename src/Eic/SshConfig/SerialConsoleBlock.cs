using EicAgent.Cli.Untrusted;

namespace EicAgent.Cli.SshConfig;

/// <summary>
/// The `Host *.serial.eic` section of the ssh_config block: the EC2 Serial Console by name. It comes before the
/// `Host i-* *.eic` section so that its host key settings are the ones ssh takes (ssh keeps the first value).
/// </summary>
internal static class SerialConsoleBlock
{
    public static string Section(string eicPath, string socketPath) => $"""
        # The EC2 Serial Console (what `eic serial NAME` opens): ssh INSTANCE_ID.port0@NAME.serial.eic goes to the
        # region's serial console endpoint as that instance's port 0. The endpoint's host key must be the one AWS
        # publishes for the region (eic's list); no known_hosts file, no prompt, no shared connection.
        Host *.serial.eic
            ProxyCommand {SshConfigPaths.ProxyCommandWord(eicPath)} proxy --serial --socket {SshConfigPaths.ProxyCommandWord(socketPath)} %h %p %r
            ControlPath none
            UpdateHostKeys no
            StrictHostKeyChecking yes
            UserKnownHostsFile none
            GlobalKnownHostsFile none
            IgnoreUnknown KnownHostsCommand
            KnownHostsCommand {SshConfigPaths.UnexpandedWord(eicPath)} serial-known-hosts %H %h %t %K


        """;
}
