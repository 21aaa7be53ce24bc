using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Transform;
using EicAgent.Aws.InstanceConnect.Model;

namespace EicAgent.Aws.InstanceConnect.Transform;

/// <summary>
/// SendSSHPublicKey body:
/// <code>{"InstanceId": "i-...", "InstanceOSUser": "ec2-user", "SSHPublicKey": "ssh-ed25519 AAAA...", "AvailabilityZone": "eu-west-1a"}</code>
/// </summary>
internal sealed class SendSshPublicKeyRequestMarshaller : IMarshaller<IRequest, AmazonWebServiceRequest>
{
    public static SendSshPublicKeyRequestMarshaller Instance { get; } = new();

    public IRequest Marshall(AmazonWebServiceRequest input)
    {
        var request = (SendSshPublicKeyRequest)input;
        return JsonProtocolRequest.Create(request, "SendSSHPublicKey", writer =>
        {
            writer.WriteIfSet("InstanceId", request.InstanceId);
            writer.WriteIfSet("InstanceOSUser", request.InstanceOsUser);
            writer.WriteIfSet("SSHPublicKey", request.SshPublicKey);
            writer.WriteIfSet("AvailabilityZone", request.AvailabilityZone);
        });
    }
}
