using EicAgent.Agent.Protocol.Messages;

namespace EicAgent.Agent.Keys;

/// <summary>
/// A key known by its OpenSSH certificate: listed and looked up by the certificate blob, signing with the key
/// underneath under that key's own algorithm name, as OpenSSH's agent does.
/// </summary>
internal sealed class CertifiedAgentKey(byte[] certificate, AgentKey key) : AgentKey(certificate)
{
    protected override byte[] SignCore(ReadOnlySpan<byte> data, SignatureFlags flags) => key.Sign(data, flags);

    protected override void DisposeCore() => key.Dispose();
}
