using EicAgent.Aws.Errors;
using EicAgent.Aws.Scopes;

namespace EicAgent.Aws.Instances;

/// <summary>Bounds a whole resolution (every page and retry) and translates its failures.</summary>
internal sealed class GuardedInstanceResolver(IInstanceResolver inner, AwsCallGuard guard, AwsScopeInfo scope) : IInstanceResolver
{
    public Task<Ec2Instance> ResolveAsync(string target, CancellationToken cancellationToken) =>
        guard.RunAsync(new AwsCallContext("DescribeInstances", scope), token => inner.ResolveAsync(target, token), cancellationToken);

    public void Invalidate(string target) => inner.Invalidate(target);
}
