using EicAgent.Agent.Protocol.Messages;

namespace EicAgent.Agent.Keys;

/// <summary>
/// A private key held only in memory. Signing and disposal are serialized, so a key removed by one
/// connection while another signs with it is either used whole or refused, never half-freed.
/// </summary>
public abstract class AgentKey : IDisposable
{
    private readonly Lock _gate = new();
    private bool _disposed;

    protected AgentKey(byte[] publicKeyBlob)
    {
        PublicKeyBlob = publicKeyBlob;
        Fingerprint = SshPublicKey.Fingerprint(publicKeyBlob);
    }

    public byte[] PublicKeyBlob { get; }

    public string Fingerprint { get; }

    public string KeyType => SshPublicKey.KeyType(PublicKeyBlob);

    /// <summary>The signature blob (`string algorithm; string signature`) over <paramref name="data"/>.</summary>
    public byte[] Sign(ReadOnlySpan<byte> data, SignatureFlags flags)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return SignCore(data, flags);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            DisposeCore();
        }

        GC.SuppressFinalize(this);
    }

    protected abstract byte[] SignCore(ReadOnlySpan<byte> data, SignatureFlags flags);

    protected abstract void DisposeCore();
}
