using EicAgent.Aws.Instances;
using EicAgent.Aws.Listing;
using EicAgent.Aws.Scopes;

namespace EicAgent.Cli.HostKeys;

/// <summary>
/// An instance's host keys as its console showed them at boot (cloud-init's block): from the cache when this boot's
/// keys were read before, else one GetConsoleOutput. Both `eic known-hosts` and the agent's known_hosts file ask here.
/// </summary>
internal sealed class InstanceHostKeys(HostKeyCache cache)
{
    /// <summary>The keys, or none and why (one line for the user).</summary>
    public sealed record Found(IReadOnlyList<HostPublicKey> Keys, string? Missing);

    /// <exception cref="Aws.Errors.EicAwsException">Reading the console failed.</exception>
    public async Task<Found> FindAsync(IAwsScope scope, Ec2Instance instance, CancellationToken cancellationToken)
    {
        if (cache.Read(instance.InstanceId, instance.LaunchTime) is { } cached)
        {
            return new Found(cached, null);
        }

        var read = ConsoleHostKeys.Read(await scope.ReadConsoleOutputAsync(instance.InstanceId, cancellationToken).ConfigureAwait(false));
        if (read.Keys.Count == 0)
        {
            // Not cached: cloud-init may still be booting, and the next login should look again.
            return new Found([], read.Warning is { } warning
                ? $"{instance.InstanceId}: {warning}; ssh's own host key checking applies"
                : $"{instance.InstanceId}'s console shows no SSH HOST KEY KEYS block: ssh's own host key checking applies");
        }

        cache.Write(instance.InstanceId, instance.LaunchTime, read.Keys);
        return new Found(read.Keys, null);
    }
}
