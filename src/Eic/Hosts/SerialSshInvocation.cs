namespace EicAgent.Cli.Hosts;

/// <summary>
/// The `ssh` command line `eic serial` runs: the proxy in serial mode, the agent, the endpoint's host key vouched
/// for only by AWS's published fingerprint (no known_hosts file, no prompt, no connection sharing), the
/// INSTANCE.portN user, the target, then the caller's own arguments.
/// </summary>
internal static class SerialSshInvocation
{
    public static IReadOnlyList<string> Arguments(
        string eicPath, string socketPath, string awsFlags, string user, string destination, IEnumerable<string> sshArguments) =>
    [
        "-o", $"ProxyCommand=\"{eicPath}\" proxy --serial --socket \"{socketPath}\"{awsFlags} %h %p %r",
        "-o", $"IdentityAgent=\"{socketPath}\"",
        "-o", "IdentitiesOnly=no",
        "-o", "CanonicalizeHostname=no",
        "-o", "ForwardAgent=no",
        "-o", "ForwardX11=no",
        "-o", "ControlPath=none",
        "-o", "UpdateHostKeys=no",
        "-o", "StrictHostKeyChecking=yes",
        "-o", "UserKnownHostsFile=none",
        "-o", "GlobalKnownHostsFile=none",
        "-o", $"KnownHostsCommand=\"{eicPath}\" serial-known-hosts{awsFlags} %H %h %t %K",
        "-l", user,
        destination,
        .. sshArguments,
    ];
}
