using Amazon.Runtime;

namespace EicAgent.Aws.InstanceConnect.Model;

/// <summary>SendSSHPublicKey: lets <see cref="InstanceOsUser"/> log in to the instance with the key for 60 seconds.</summary>
internal sealed class SendSshPublicKeyRequest : AmazonWebServiceRequest
{
    /// <summary>Required, <c>^i-[a-f0-9]+$</c>.</summary>
    public string? InstanceId { get; set; }

    /// <summary>Required, 1-32 characters; IAM policies can condition on it as <c>ec2:osuser</c>.</summary>
    public string? InstanceOsUser { get; set; }

    /// <summary>Required: one OpenSSH public key line, 80-4096 characters.</summary>
    public string? SshPublicKey { get; set; }

    /// <summary>Optional.</summary>
    public string? AvailabilityZone { get; set; }
}
