namespace EicAgent.Aws.InstanceConnect;

/// <summary>
/// The two EC2 Instance Connect calls we make. The implementation sits on our own SDK-pattern client today;
/// the day AWSSDK.EC2InstanceConnect is available it is a one-line change in <see cref="InstanceConnectApiFactory"/>.
/// Errors surface as the SDK's <see cref="Amazon.Runtime.AmazonServiceException"/> (by error code); callers outside
/// this layer see them translated by <see cref="Errors.AwsErrorTranslator"/>.
/// </summary>
public interface IInstanceConnectApi : IDisposable
{
    /// <summary>Lets <paramref name="osUser"/> log in to the instance with <paramref name="sshPublicKey"/> for 60 seconds.</summary>
    Task<KeyPushResult> SendSshPublicKeyAsync(
        string instanceId, string osUser, string sshPublicKey, string? availabilityZone, CancellationToken cancellationToken);

    /// <summary>Lets the key open the instance's serial console (port 0) for 60 seconds.</summary>
    Task<KeyPushResult> SendSerialConsoleSshPublicKeyAsync(
        string instanceId, string sshPublicKey, int serialPort, CancellationToken cancellationToken);
}

/// <summary>What the service answered to a key push.</summary>
public sealed record KeyPushResult(string? RequestId, bool Success);
