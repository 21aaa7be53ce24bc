using Amazon.Runtime;
using Amazon.Runtime.Internal;
using EicAgent.Aws.InstanceConnect.Model;
using EicAgent.Aws.InstanceConnect.Transform;

namespace EicAgent.Aws.InstanceConnect;

/// <summary>
/// EC2 Instance Connect on AWSSDK.Core's pipeline (AWSSDK.EC2InstanceConnect is not on our feed): SigV4,
/// retries, clock-skew correction, endpoint overrides and telemetry all come from the SDK. Thread-safe; keep one.
/// </summary>
internal sealed class InstanceConnectClient(AWSCredentials credentials, InstanceConnectConfig config)
    : AmazonServiceClient(credentials, config)
{
    private static readonly InstanceConnectMetadata Metadata = new();

    protected override IServiceMetadata ServiceMetadata => Metadata;

    public Task<SendSshPublicKeyResponse> SendSshPublicKeyAsync(SendSshPublicKeyRequest request, CancellationToken cancellationToken = default)
    {
        var options = new InvokeOptions
        {
            RequestMarshaller = SendSshPublicKeyRequestMarshaller.Instance,
            ResponseUnmarshaller = SendSshPublicKeyResponseUnmarshaller.Instance,
        };
        return InvokeAsync<SendSshPublicKeyResponse>(request, options, cancellationToken);
    }

    public Task<SendSerialConsoleSshPublicKeyResponse> SendSerialConsoleSshPublicKeyAsync(
        SendSerialConsoleSshPublicKeyRequest request, CancellationToken cancellationToken = default)
    {
        var options = new InvokeOptions
        {
            RequestMarshaller = SendSerialConsoleSshPublicKeyRequestMarshaller.Instance,
            ResponseUnmarshaller = SendSerialConsoleSshPublicKeyResponseUnmarshaller.Instance,
        };
        return InvokeAsync<SendSerialConsoleSshPublicKeyResponse>(request, options, cancellationToken);
    }

    /// <summary>Swap the generic endpoint handler for this service's rules, and add the SigV4 auth resolver.</summary>
    protected override void CustomizeRuntimePipeline(RuntimePipeline pipeline)
    {
        pipeline.RemoveHandler<EndpointResolver>();
        pipeline.AddHandlerAfter<Marshaller>(new InstanceConnectEndpointResolver());
        pipeline.AddHandlerAfter<Marshaller>(new InstanceConnectAuthSchemeHandler());
    }
}
