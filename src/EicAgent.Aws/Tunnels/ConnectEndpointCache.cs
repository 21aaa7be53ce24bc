using System.Collections.Concurrent;

namespace EicAgent.Aws.Tunnels;

/// <summary>A VPC's endpoints, remembered for a short while so back-to-back connections (scp -r, git) ask EC2 once.</summary>
internal sealed class ConnectEndpointCache(IConnectEndpointApi api, TimeSpan timeToLive, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, (DateTimeOffset Fetched, IReadOnlyList<ConnectEndpoint> Endpoints)> _byVpc = new(StringComparer.Ordinal);

    public async Task<IReadOnlyList<ConnectEndpoint>> GetAsync(string vpcId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_byVpc.TryGetValue(vpcId, out var cached) && now - cached.Fetched < timeToLive)
        {
            return cached.Endpoints;
        }

        var endpoints = await api.DescribeForVpcAsync(vpcId, cancellationToken).ConfigureAwait(false);
        _byVpc[vpcId] = (now, endpoints);
        return endpoints;
    }
}
