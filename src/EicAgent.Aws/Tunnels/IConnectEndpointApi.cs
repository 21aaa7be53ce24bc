namespace EicAgent.Aws.Tunnels;

/// <summary>DescribeInstanceConnectEndpoints, every page: the connection asks for one VPC, `eic ls` for the region.</summary>
public interface IConnectEndpointApi
{
    Task<IReadOnlyList<ConnectEndpoint>> DescribeForVpcAsync(string vpcId, CancellationToken cancellationToken);

    Task<IReadOnlyList<ConnectEndpoint>> DescribeAllAsync(CancellationToken cancellationToken);
}
