using EicAgent.Aws.Errors;
using EicAgent.Aws.Instances;
using EicAgent.Aws.Scopes;

namespace EicAgent.Aws.Listing;

/// <summary>One row of `eic ls`: the instance, how eic would reach it, and its likely default user.</summary>
public sealed record ListedInstance(Ec2Instance Instance, NetworkPathAdvice Path, OsUserGuess User);

/// <summary>Every instance of a scope with its path and default user: four read-only calls (instances, endpoints, images, Session Manager's online instances).</summary>
public static class InstanceListing
{
    public static async Task<IReadOnlyList<ListedInstance>> ListAsync(AwsScope scope, CancellationToken cancellationToken)
    {
        var inventory = Ec2Inventory.For(scope);
        var instancesTask = inventory.ListInstancesAsync(cancellationToken);
        var endpointsTask = OptionalAsync(scope.AllConnectEndpointsAsync(cancellationToken), null);
        var ssmOnlineTask = OptionalAsync(OnlineInSessionManagerAsync(scope, cancellationToken), new HashSet<string>());
        var instances = await instancesTask.ConfigureAwait(false);
        var imageIds = instances.Select(i => i.ImageId).OfType<string>().Distinct(StringComparer.Ordinal).ToArray();
        var images = await OptionalAsync(inventory.DescribeImagesAsync(imageIds, cancellationToken), new Dictionary<string, ImageFacts>())
            .ConfigureAwait(false);
        var endpoints = await endpointsTask.ConfigureAwait(false);
        var ssmOnline = await ssmOnlineTask.ConfigureAwait(false);
        return [.. instances.Select(instance => new ListedInstance(
            instance,
            NetworkPathAdvice.For(instance, endpoints, ssmOnline?.Contains(instance.InstanceId) == true),
            UserOf(instance, instance.ImageId is { } image ? images?.GetValueOrDefault(image) : null)))];
    }

    public static OsUserGuess UserOf(Ec2Instance instance, ImageFacts? image)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return DefaultOsUsers.For(instance.PlatformDetails ?? image?.PlatformDetails, image?.Name, image?.Description);
    }

    private static Task<HashSet<string>> OnlineInSessionManagerAsync(AwsScope scope, CancellationToken cancellationToken) =>
        scope.SessionManager is { } ssm
            ? ScopeClients.Guard.RunAsync(new AwsCallContext("DescribeInstanceInformation", scope.Info), ssm.OnlineInstancesAsync, cancellationToken)
            : Task.FromResult(new HashSet<string>());

    // Endpoints and images refine the answer; an account that may not describe them still gets its list.
    private static async Task<T?> OptionalAsync<T>(Task<T> call, T? fallback)
        where T : class
    {
        try
        {
            return await call.ConfigureAwait(false);
        }
        catch (EicAwsException exception) when (exception.Kind is EicAwsErrorKind.AccessDenied or EicAwsErrorKind.NotFound)
        {
            return fallback;
        }
    }
}
