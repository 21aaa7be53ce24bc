using EicAgent.Cli.Untrusted;

namespace EicAgent.Cli.Hosts;

/// <summary>
/// The `ssh` command line `eic serial` runs: the proxy in serial mode, the agent, the endpoint's host key vouched
/// for only by AWS's published fingerprint (no known_hosts file, no prompt, no connection sharing), the
/// INSTANCE.portN user, the target, then the caller's own arguments.
/// </summary>
internal static class SerialSshInvocation
{
    /// <exception cref="UnsafePathException">A path or flag cannot be written into an ssh option.</exception>
    public static IReadOnlyList<string> Arguments(
        string eicPath, string socketPath, IReadOnlyList<string> awsFlags, string user, string destination, IEnumerable<string> sshArguments)
    {
        var proxyFlags = string.Concat(awsFlags.Select(flag => " " + SshConfigPaths.ProxyCommandWord(flag)));
        var knownHostsFlags = string.Concat(awsFlags.Select(flag => " " + SshConfigPaths.ExpandedArgument(flag)));
        return
        [
            "-o", $"ProxyCommand={SshConfigPaths.ProxyCommandWord(eicPath)} proxy --serial --socket {SshConfigPaths.ProxyCommandWord(socketPath)}{proxyFlags} %h %p %r",
            "-o", $"IdentityAgent={SshConfigPaths.ExpandedArgument(socketPath)}",
            "-o", "IdentitiesOnly=no",
            "-o", "CanonicalizeHostname=no",
            "-o", "ForwardAgent=no",
            "-o", "ForwardX11=no",
            "-o", "ControlPath=none",
            "-o", "UpdateHostKeys=no",
            "-o", "StrictHostKeyChecking=yes",
            "-o", "UserKnownHostsFile=none",
            "-o", "GlobalKnownHostsFile=none",
            "-o", $"KnownHostsCommand={SshConfigPaths.UnexpandedWord(eicPath)} serial-known-hosts{knownHostsFlags} %H %h %t %K",
            "-l", user,
            destination,
            .. sshArguments,
        ];
    }
}
