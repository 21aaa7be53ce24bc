using Amazon.Runtime;

namespace EicAgent.Aws.InstanceConnect.Model;

internal sealed class SendSshPublicKeyResponse : AmazonWebServiceResponse
{
    /// <summary>The service's request id (also logged in CloudTrail).</summary>
    public string? RequestId { get; set; }

    public bool? Success { get; set; }
}
