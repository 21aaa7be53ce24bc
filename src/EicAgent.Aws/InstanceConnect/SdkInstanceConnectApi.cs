using EicAgent.Aws.InstanceConnect.Model;

namespace EicAgent.Aws.InstanceConnect;

/// <summary><see cref="IInstanceConnectApi"/> over <see cref="InstanceConnectClient"/>.</summary>
internal sealed class SdkInstanceConnectApi(InstanceConnectClient client) : IInstanceConnectApi
{
    public async Task<KeyPushResult> SendSshPublicKeyAsync(
        string instanceId, string osUser, string sshPublicKey, string? availabilityZone, CancellationToken cancellationToken)
    {
        var response = await client.SendSshPublicKeyAsync(
            new SendSshPublicKeyRequest
            {
                InstanceId = instanceId,
                InstanceOsUser = osUser,
                SshPublicKey = sshPublicKey,
                AvailabilityZone = availabilityZone,
            },
            cancellationToken).ConfigureAwait(false);
        return new KeyPushResult(response.RequestId ?? response.ResponseMetadata?.RequestId, response.Success ?? false);
    }

    public async Task<KeyPushResult> SendSerialConsoleSshPublicKeyAsync(
        string instanceId, string sshPublicKey, int serialPort, CancellationToken cancellationToken)
    {
        var response = await client.SendSerialConsoleSshPublicKeyAsync(
            new SendSerialConsoleSshPublicKeyRequest { InstanceId = instanceId, SshPublicKey = sshPublicKey, SerialPort = serialPort },
            cancellationToken).ConfigureAwait(false);
        return new KeyPushResult(response.RequestId ?? response.ResponseMetadata?.RequestId, response.Success ?? false);
    }

    public void Dispose() => client.Dispose();
}
