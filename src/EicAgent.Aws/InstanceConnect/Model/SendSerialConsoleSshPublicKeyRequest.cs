using Amazon.Runtime;

namespace EicAgent.Aws.InstanceConnect.Model;

/// <summary>
/// SendSerialConsoleSSHPublicKey: the key then opens
/// <c>ssh INSTANCE_ID.port0@serial-console.ec2-instance-connect.{region}.aws</c> for 60 seconds.
/// </summary>
internal sealed class SendSerialConsoleSshPublicKeyRequest : AmazonWebServiceRequest
{
    public string? InstanceId { get; set; }

    /// <summary>Optional; 0 is the only port today.</summary>
    public int? SerialPort { get; set; }

    public string? SshPublicKey { get; set; }
}
