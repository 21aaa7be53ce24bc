using EicAgent.Aws.Errors;
using EicAgent.Aws.Scopes;

namespace EicAgent.Aws.Instances;

/// <summary>
/// Finds the instance a target names with DescribeInstances (every page), and insists on exactly one running
/// instance: never a silent pick among several, and a state-specific message for one that is not running.
/// </summary>
internal sealed class InstanceResolver(IEc2Api ec2, AwsScopeInfo scope) : IInstanceResolver
{
    public async Task<Ec2Instance> ResolveAsync(string target, CancellationToken cancellationToken)
    {
        var kind = TargetKinds.Classify(target);
        IReadOnlyList<Ec2Instance> matches = [];
        foreach (var query in InstanceQueries.For(target, kind))
        {
            matches = await DescribeAllAsync([query.Filter], cancellationToken).ConfigureAwait(false);
            if (query.Keep is { } keep)
            {
                matches = [.. matches.Where(keep)];
            }

            if (matches.Count > 0)
            {
                break;
            }
        }

        var hint = matches.Count == 0 ? await InstanceSuggestions.ForAsync(ec2, target, kind, cancellationToken).ConfigureAwait(false) : null;
        return InstanceChoice.Choose(InstanceQueries.Describe(target, kind), matches, scope, hint);
    }

    public void Invalidate(string target)
    {
        // Nothing cached here; see CachingInstanceResolver.
    }

    private async Task<IReadOnlyList<Ec2Instance>> DescribeAllAsync(IReadOnlyList<Ec2Filter> filters, CancellationToken cancellationToken)
    {
        var all = new List<Ec2Instance>();
        string? token = null;
        do
        {
            var page = await ec2.DescribeInstancesAsync(filters, token, cancellationToken).ConfigureAwait(false);
            all.AddRange(page.Instances);
            token = page.NextToken;
        }
        while (token is not null);

        return all;
    }
}
