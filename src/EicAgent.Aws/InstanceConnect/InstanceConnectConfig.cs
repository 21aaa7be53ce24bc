using Amazon.Runtime;
using Amazon.Runtime.Endpoints;
using Amazon.Runtime.Internal;
using Amazon.Util.Internal;

namespace EicAgent.Aws.InstanceConnect;

/// <summary>
/// Client configuration for EC2 Instance Connect, shaped like the SDK's generated configs so that
/// everything keyed on the service id works unchanged: <c>AWS_ENDPOINT_URL_EC2_INSTANCE_CONNECT</c>,
/// <c>AWS_ENDPOINT_URL</c>, <c>endpoint_url</c> in a profile or in its <c>services</c> section
/// (key <c>ec2_instance_connect</c>), <c>use_fips_endpoint</c> and <c>use_dualstack_endpoint</c>.
/// </summary>
internal sealed class InstanceConnectConfig : ClientConfig
{
    public const string ServiceIdentifier = "EC2 Instance Connect";
    public const string SigningName = "ec2-instance-connect";

    private static readonly string ClientUserAgent = InternalSDKUtils.BuildUserAgentString(ServiceIdentifier, "1.0");
    private static readonly InstanceConnectEndpointResolver EndpointResolver = new();

    public InstanceConnectConfig()
        : base(new DefaultConfigurationProvider(InstanceConnectDefaultConfigurations.All))
    {
        ServiceId = ServiceIdentifier;
        AuthenticationServiceName = SigningName;
        EndpointProvider = new InstanceConnectEndpointProvider();
    }

    public override string RegionEndpointServiceName => SigningName;

    public override string ServiceVersion => "2018-04-02";

    public override string UserAgent => ClientUserAgent;

    public override Endpoint DetermineServiceOperationEndpoint(ServiceOperationEndpointParameters parameters)
    {
        var requestContext = new RequestContext(enableMetric: false)
        {
            ClientConfig = this,
            OriginalRequest = parameters.Request,
            Request = new DefaultRequest(parameters.Request, ServiceIdentifier) { AlternateEndpoint = parameters.AlternateEndpoint },
        };
        return EndpointResolver.GetEndpoint(new Amazon.Runtime.Internal.ExecutionContext(requestContext, null));
    }
}
