using EicAgent.Aws.Errors;
using EicAgent.Aws.Scopes;
using EicAgent.Aws.Targets;
using EicAgent.Cli.HostKeys;
using EicAgent.Cli.Untrusted;

namespace EicAgent.Cli.Hosts;

/// <summary>
/// `eic known-hosts`: the instance's host keys from its console (cloud-init's block), as known_hosts lines for the
/// name ssh is checking. One DescribeInstances (resolving the name, as the proxy does) and, once per boot,
/// one GetConsoleOutput (<see cref="InstanceHostKeys"/>). ssh_config blocks on Windows, and `eic ssh`, still run it.
/// </summary>
internal sealed class KnownHostsLookup(IAwsScopes scopes, InstanceHostKeys hostKeys)
{
    /// <summary>The result: the lines to print, or why there are none.</summary>
    public sealed record Answer(IReadOnlyList<string> Lines, string? Missing);

    /// <param name="knownHostsName">What ssh looks up (%H): a host, an alias, or "[host]:port" on another port.</param>
    /// <param name="target">What to resolve (%h, the HostName); defaults to <paramref name="knownHostsName"/>.</param>
    /// <exception cref="FormatException">The name cannot be a target.</exception>
    /// <exception cref="EicAwsException">Resolving or reading the console failed.</exception>
    public async Task<Answer> FindAsync(
        string knownHostsName, string? target, string? profile, string? region, AwsContext context, CancellationToken cancellationToken)
    {
        var spec = TargetSpec.Parse(StripPort(target ?? knownHostsName), profile, region);
        var scope = await scopes.GetAsync(spec, context, cancellationToken);
        var instance = await scope.Instances.ResolveAsync(spec.Target, cancellationToken);
        var found = await hostKeys.FindAsync(scope, instance, cancellationToken);
        if (found.Missing is not null)
        {
            return new Answer([], found.Missing);
        }

        var lines = found.Keys.Select(key => KnownHostsLines.Line(knownHostsName, key)).OfType<string>().ToList();
        return lines.Count == found.Keys.Count
            ? new Answer(lines, null)
            : new Answer([], $"'{UntrustedText.Printable(knownHostsName)}' cannot be a known_hosts host name: ssh's own host key checking applies");
    }

    // ssh searches for "[host]:port" when the port is not 22.
    private static string StripPort(string name)
    {
        var close = name.LastIndexOf("]:", StringComparison.Ordinal);
        return name.StartsWith('[') && close > 0 ? name[1..close] : name;
    }
}
