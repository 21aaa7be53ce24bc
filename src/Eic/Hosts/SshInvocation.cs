using EicAgent.Cli.Untrusted;

namespace EicAgent.Cli.Hosts;

/// <summary>
/// The `ssh` command line `eic ssh` runs: our ssh_config block as -o options (so no ssh_config is needed), the
/// user, the destination, then the caller's own arguments (ssh reads options after the destination too).
/// </summary>
internal static class SshInvocation
{
    /// <exception cref="UnsafePathException">A path or flag cannot be written into an ssh option.</exception>
    public static IReadOnlyList<string> Arguments(
        string eicPath, string socketPath, IReadOnlyList<string> awsFlags, string? user, string destination, IEnumerable<string> sshArguments)
    {
        var proxyFlags = string.Concat(awsFlags.Select(flag => " " + SshConfigPaths.ProxyCommandWord(flag)));
        var knownHostsFlags = string.Concat(awsFlags.Select(flag => " " + SshConfigPaths.ExpandedArgument(flag)));
        List<string> arguments =
        [
            "-o", $"ProxyCommand={SshConfigPaths.ProxyCommandWord(eicPath)} proxy --socket {SshConfigPaths.ProxyCommandWord(socketPath)}{proxyFlags} %h %p %r",
            "-o", $"IdentityAgent={SshConfigPaths.ExpandedArgument(socketPath)}",
            "-o", "IdentitiesOnly=no",
            "-o", "CanonicalizeHostname=no",
            "-o", "ForwardAgent=no",
            "-o", "IgnoreUnknown=KnownHostsCommand",
            "-o", $"KnownHostsCommand={SshConfigPaths.UnexpandedWord(eicPath)} known-hosts --socket {SshConfigPaths.ExpandedArgument(socketPath)}{knownHostsFlags} %H %h",
        ];
        if (user is not null)
        {
            arguments.AddRange(["-l", user]);
        }

        arguments.Add(destination);
        arguments.AddRange(sshArguments);
        return arguments;
    }

    /// <summary>
    /// --profile P --region R for the proxy and known-hosts (each quoted for its line): the same defaults the user
    /// gave `eic ssh`, which a NAME.PROFILE.REGION.eic target still overrides, as everywhere.
    /// </summary>
    public static IReadOnlyList<string> AwsFlags(string? profile, string? region) =>
        [.. profile is null ? [] : new[] { "--profile", profile }, .. region is null ? [] : new[] { "--region", region }];

    /// <summary>Splits "user@target" (the last @ counts, like ssh).</summary>
    public static (string? User, string Target) SplitDestination(string destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var at = destination.LastIndexOf('@');
        return at > 0 ? (destination[..at], destination[(at + 1)..]) : (null, destination);
    }

    /// <summary>True when the caller's ssh arguments already name the user (-l USER, -lUSER, -o User=..., -oUser=...).</summary>
    public static bool NamesUser(IReadOnlyList<string> sshArguments)
    {
        ArgumentNullException.ThrowIfNull(sshArguments);
        for (var i = 0; i < sshArguments.Count; i++)
        {
            var argument = sshArguments[i];
            var option = argument == "-o" && i + 1 < sshArguments.Count ? sshArguments[i + 1]
                : argument.StartsWith("-o", StringComparison.Ordinal) ? argument[2..]
                : null;
            if (argument.StartsWith("-l", StringComparison.Ordinal) || (option is not null && IsUserOption(option)))
            {
                return true;
            }
        }

        return false;
    }

    // "User=ubuntu" or "User ubuntu", but not "UserKnownHostsFile=...".
    private static bool IsUserOption(string option)
    {
        var keyword = option.Split('=', ' ', '\t')[0];
        return keyword.Equals("User", StringComparison.OrdinalIgnoreCase);
    }
}
