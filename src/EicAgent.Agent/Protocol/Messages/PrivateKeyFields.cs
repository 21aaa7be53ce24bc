using System.Security.Cryptography;

namespace EicAgent.Agent.Protocol.Messages;

/// <summary>
/// The private fields of a key as ADD_IDENTITY carries them. They are secret: dispose wipes them, and they
/// should live only as long as it takes to import them into a key object.
/// </summary>
public abstract class PrivateKeyFields : IDisposable
{
    /// <summary>Security-key types: their private half lives in a FIDO authenticator.</summary>
    public const string SecurityKeyPrefix = "sk-";

    public abstract string KeyType { get; }

    public static PrivateKeyFields Read(ref SshReader reader)
    {
        var keyType = reader.ReadUtf8String();
        if (keyType.StartsWith(SecurityKeyPrefix, StringComparison.Ordinal))
        {
            AgentProtocolException.Throw(
                $"security-key type {keyType} needs a FIDO authenticator provider (ssh-agent -P), which eic's agent does not load");
        }

        if (CertifiedKeyFields.IsCertificateType(keyType))
        {
            return CertifiedKeyFields.ReadFields(keyType, ref reader);
        }

        return keyType switch
        {
            Ed25519PrivateKeyFields.Type => Ed25519PrivateKeyFields.ReadFields(ref reader),
            RsaPrivateKeyFields.Type => RsaPrivateKeyFields.ReadFields(ref reader),
            DsaPrivateKeyFields.Type => DsaPrivateKeyFields.ReadFields(ref reader),
            _ when keyType.StartsWith(EcdsaPrivateKeyFields.TypePrefix, StringComparison.Ordinal) => EcdsaPrivateKeyFields.ReadFields(keyType, ref reader),
            _ => throw new AgentProtocolException($"unsupported key type {keyType}"),
        };
    }

    public void WriteTo(SshWriter writer)
    {
        writer.WriteString(KeyType);
        WriteFields(writer);
    }

    public void Dispose()
    {
        foreach (var field in SecretFields())
        {
            CryptographicOperations.ZeroMemory(field);
        }

        GC.SuppressFinalize(this);
    }

    protected abstract void WriteFields(SshWriter writer);

    /// <summary>What follows the certificate blob when this key is added with a certificate.</summary>
    protected internal abstract void WriteCertifiedFields(SshWriter writer);

    protected abstract IEnumerable<byte[]> SecretFields();
}
