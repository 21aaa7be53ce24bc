using System.Security.Cryptography;

namespace EicAgent.Agent.Protocol.Messages;

/// <summary>
/// The private fields of a key as ADD_IDENTITY carries them. They are secret: dispose wipes them, and they
/// should live only as long as it takes to import them into a key object.
/// </summary>
public abstract class PrivateKeyFields : IDisposable
{
    public abstract string KeyType { get; }

    public static PrivateKeyFields Read(ref SshReader reader)
    {
        var keyType = reader.ReadUtf8String();
        return keyType switch
        {
            Ed25519PrivateKeyFields.Type => Ed25519PrivateKeyFields.ReadFields(ref reader),
            RsaPrivateKeyFields.Type => RsaPrivateKeyFields.ReadFields(ref reader),
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

    protected abstract IEnumerable<byte[]> SecretFields();
}
