using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Transform;
using EicAgent.Aws.InstanceConnect.Model;

namespace EicAgent.Aws.InstanceConnect.Transform;

/// <summary>
/// SendSerialConsoleSSHPublicKey body:
/// <code>{"InstanceId": "i-...", "SerialPort": 0, "SSHPublicKey": "ssh-ed25519 AAAA..."}</code>
/// </summary>
internal sealed class SendSerialConsoleSshPublicKeyRequestMarshaller : IMarshaller<IRequest, AmazonWebServiceRequest>
{
    public static SendSerialConsoleSshPublicKeyRequestMarshaller Instance { get; } = new();

    public IRequest Marshall(AmazonWebServiceRequest input)
    {
        var request = (SendSerialConsoleSshPublicKeyRequest)input;
        return JsonProtocolRequest.Create(request, "SendSerialConsoleSSHPublicKey", writer =>
        {
            writer.WriteIfSet("InstanceId", request.InstanceId);
            if (request.SerialPort is int port)
            {
                writer.WriteNumber("SerialPort", port);
            }

            writer.WriteIfSet("SSHPublicKey", request.SshPublicKey);
        });
    }
}
