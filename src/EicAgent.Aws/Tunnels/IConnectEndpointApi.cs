namespace EicAgent.Aws.Tunnels;

/// <summary>The EC2 call endpoint choice makes: the Instance Connect Endpoints of one VPC.</summary>
public interface IConnectEndpointApi
{
    Task<IReadOnlyList<ConnectEndpoint>> DescribeForVpcAsync(string vpcId, CancellationToken cancellationToken);
}
