using Amazon.Runtime;

namespace EicAgent.Aws.InstanceConnect.Model;

internal sealed class SendSerialConsoleSshPublicKeyResponse : AmazonWebServiceResponse
{
    public string? RequestId { get; set; }

    public bool? Success { get; set; }
}
