using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Endpoints;
using Amazon.Runtime.Internal;
using Amazon.Util;

namespace EicAgent.Aws.InstanceConnect;

/// <summary>Pipeline handler that feeds the client configuration into <see cref="InstanceConnectEndpointProvider"/>.</summary>
internal sealed class InstanceConnectEndpointResolver : BaseEndpointResolver
{
    protected override void ServiceSpecificHandler(IExecutionContext executionContext, EndpointParameters parameters) =>
        InjectHostPrefix(executionContext.RequestContext);

    protected override EndpointParameters MapEndpointsParameters(IRequestContext requestContext)
    {
        var config = (InstanceConnectConfig)requestContext.ClientConfig;
        var parameters = new InstanceConnectEndpointParameters
        {
            Region = requestContext.Request.AlternateEndpoint?.SystemName ?? config.RegionEndpoint?.SystemName,
            UseDualStack = config.UseDualstackEndpoint,
            UseFips = config.UseFIPSEndpoint,
            Endpoint = config.ServiceURL,
        };

        // A bare ServiceURL without a region: sign for AuthenticationRegion, else the region the URL names.
        if (config.RegionEndpoint is null && !string.IsNullOrEmpty(config.ServiceURL))
        {
            parameters.Region = !string.IsNullOrEmpty(config.AuthenticationRegion)
                ? config.AuthenticationRegion
                : RegionEndpoint.GetBySystemName(AWSSDKUtils.DetermineRegion(config.ServiceURL)).SystemName;
        }

        return parameters;
    }
}
