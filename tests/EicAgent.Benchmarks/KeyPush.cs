using EicAgent.Aws.Scopes;

namespace EicAgent.Benchmarks;

/// <summary>DescribeInstances + SendSSHPublicKey through the SDK: what mssh and the AWS CLI do before every ssh.</summary>
internal static class KeyPush
{
    public static async Task<string> PushAsync(AwsScopes scopes, string instanceId, string osUser, string publicKeyLine, CancellationToken cancellationToken)
    {
        var scope = await scopes.GetAsync(profile: null, region: null, cancellationToken);
        var instance = await scope.Instances.ResolveAsync(instanceId, cancellationToken);
        await scope.PushKeyAsync(instance, osUser, publicKeyLine.Trim(), cancellationToken);
        return instance.PublicIpAddress ?? throw new InvalidOperationException($"{instanceId} has no public address");
    }
}
