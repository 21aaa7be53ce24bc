using Amazon.Runtime.Internal;

namespace EicAgent.Aws.InstanceConnect;

/// <summary>Service metadata the SDK reads for user-agent and telemetry.</summary>
internal sealed class InstanceConnectMetadata : IServiceMetadata
{
    public string ServiceId => InstanceConnectConfig.ServiceIdentifier;

    /// <summary>Our request classes use .NET casing; the operations keep the service's.</summary>
    public IDictionary<string, string> OperationNameMapping { get; } = new Dictionary<string, string>
    {
        ["SendSshPublicKeyRequest"] = "SendSSHPublicKey",
        ["SendSerialConsoleSshPublicKeyRequest"] = "SendSerialConsoleSSHPublicKey",
    };
}
