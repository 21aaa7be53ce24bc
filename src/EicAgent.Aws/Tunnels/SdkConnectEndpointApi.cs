using Amazon.EC2;
using Amazon.EC2.Model;

namespace EicAgent.Aws.Tunnels;

/// <summary><see cref="IConnectEndpointApi"/> over AWSSDK.EC2 (every page).</summary>
internal sealed class SdkConnectEndpointApi(IAmazonEC2 client) : IConnectEndpointApi
{
    public Task<IReadOnlyList<ConnectEndpoint>> DescribeForVpcAsync(string vpcId, CancellationToken cancellationToken) =>
        DescribeAsync([new Filter("vpc-id", [vpcId])], cancellationToken);

    public Task<IReadOnlyList<ConnectEndpoint>> DescribeAllAsync(CancellationToken cancellationToken) => DescribeAsync([], cancellationToken);

    private async Task<IReadOnlyList<ConnectEndpoint>> DescribeAsync(List<Filter> filters, CancellationToken cancellationToken)
    {
        var endpoints = new List<ConnectEndpoint>();
        string? nextToken = null;
        do
        {
            var request = new DescribeInstanceConnectEndpointsRequest { Filters = filters, NextToken = nextToken };
            var response = await client.DescribeInstanceConnectEndpointsAsync(request, cancellationToken).ConfigureAwait(false);
            endpoints.AddRange((response.InstanceConnectEndpoints ?? []).Select(e => new ConnectEndpoint(
                e.InstanceConnectEndpointId, e.VpcId, e.SubnetId, e.State?.Value ?? "", e.DnsName, e.FipsDnsName)
            {
                SecurityGroupIds = e.SecurityGroupIds ?? [],
                IpAddressType = e.IpAddressType?.Value is { Length: > 0 } type ? type : "ipv4",
                DualStackDnsName = e.PublicDnsNames?.Dualstack?.DnsName,
                DualStackFipsDnsName = e.PublicDnsNames?.Dualstack?.FipsDnsName,
            }));
            nextToken = string.IsNullOrEmpty(response.NextToken) ? null : response.NextToken;
        }
        while (nextToken is not null);

        return endpoints;
    }
}
