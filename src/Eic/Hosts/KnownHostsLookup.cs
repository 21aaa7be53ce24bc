using EicAgent.Aws.Errors;
using EicAgent.Aws.Listing;
using EicAgent.Aws.Scopes;
using EicAgent.Aws.Targets;
using EicAgent.Cli.Untrusted;

namespace EicAgent.Cli.Hosts;

/// <summary>
/// `eic known-hosts`: the instance's host keys from its console (cloud-init's block), as known_hosts lines for the
/// name ssh is checking. One DescribeInstances (resolving the name, as the proxy does) and, once per boot,
/// one GetConsoleOutput.
/// </summary>
internal sealed class KnownHostsLookup(AwsScopes scopes, HostKeyCache cache)
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
        var keys = cache.Read(instance.InstanceId, instance.LaunchTime);
        if (keys is null)
        {
            var console = await Ec2Inventory.For(scope).GetConsoleOutputAsync(instance.InstanceId, cancellationToken);
            var read = ConsoleHostKeys.Read(console);
            keys = read.Keys;
            if (keys.Count == 0)
            {
                // Not cached: cloud-init may still be booting, and the next login should look again.
                return new Answer([], read.Warning is { } warning
                    ? $"{instance.InstanceId}: {warning}; ssh's own host key checking applies"
                    : $"{instance.InstanceId}'s console shows no SSH HOST KEY KEYS block: ssh's own host key checking applies");
            }

            cache.Write(instance.InstanceId, instance.LaunchTime, keys);
        }

        var lines = keys.Select(key => KnownHostsLines.Line(knownHostsName, key)).OfType<string>().ToList();
        return lines.Count == keys.Count
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
