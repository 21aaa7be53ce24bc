using EicAgent.Aws.Listing;
using EicAgent.Aws.Scopes;
using EicAgent.Aws.Targets;

namespace EicAgent.Cli.Hosts;

/// <summary>The default OS user of the instance a target names: resolve it (as the proxy does), then ask about its image.</summary>
internal static class DefaultUserLookup
{
    /// <exception cref="FormatException">The target cannot be parsed.</exception>
    /// <exception cref="Aws.Errors.EicAwsException">Resolving failed (not found, stopped, ambiguous, denied...).</exception>
    public static async Task<OsUserGuess> FindAsync(AwsScopes scopes, string target, string? profile, string? region, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        var spec = TargetSpec.Parse(target, profile, region);
        var scope = await scopes.GetAsync(spec, AwsContext.FromEnvironment(), cancellationToken);
        var instance = await scope.Instances.ResolveAsync(spec.Target, cancellationToken);
        ImageFacts? image = null;
        if (instance.ImageId is { } imageId)
        {
            try
            {
                image = (await Ec2Inventory.For(scope).DescribeImagesAsync([imageId], cancellationToken)).GetValueOrDefault(imageId);
            }
            catch (Aws.Errors.EicAwsException)
            {
                // An image we may not describe (or one deregistered) leaves PlatformDetails and the guess.
            }
        }

        return InstanceListing.UserOf(instance, image);
    }
}
