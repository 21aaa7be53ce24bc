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

/*
 * string  "ssh-ed25519"
 * string  public key (32 bytes)
 * string  private key (64 bytes: seed || public key)
 */
public sealed class Ed25519PrivateKeyFields(byte[] publicKey, byte[] privateKey) : PrivateKeyFields
{
    public const string Type = "ssh-ed25519";

    public override string KeyType => Type;

    public byte[] PublicKey { get; } = publicKey;

    public byte[] PrivateKey { get; } = privateKey;

    internal static Ed25519PrivateKeyFields ReadFields(ref SshReader reader) =>
        new(reader.ReadString().ToArray(), reader.ReadString().ToArray());

    protected override void WriteFields(SshWriter writer)
    {
        writer.WriteString(PublicKey);
        writer.WriteString(PrivateKey);
    }

    protected override IEnumerable<byte[]> SecretFields() => [PrivateKey];
}

/*
 * string  "ssh-rsa"
 * mpint   n
 * mpint   e
 * mpint   d
 * mpint   iqmp (q^-1 mod p)
 * mpint   p
 * mpint   q
 */
public sealed class RsaPrivateKeyFields(byte[] n, byte[] e, byte[] d, byte[] iqmp, byte[] p, byte[] q) : PrivateKeyFields
{
    public const string Type = "ssh-rsa";

    public override string KeyType => Type;

    public byte[] Modulus { get; } = n;

    public byte[] Exponent { get; } = e;

    public byte[] D { get; } = d;

    public byte[] Iqmp { get; } = iqmp;

    public byte[] P { get; } = p;

    public byte[] Q { get; } = q;

    internal static RsaPrivateKeyFields ReadFields(ref SshReader reader) => new(
        reader.ReadPositiveMpint().ToArray(),
        reader.ReadPositiveMpint().ToArray(),
        reader.ReadPositiveMpint().ToArray(),
        reader.ReadPositiveMpint().ToArray(),
        reader.ReadPositiveMpint().ToArray(),
        reader.ReadPositiveMpint().ToArray());

    protected override void WriteFields(SshWriter writer)
    {
        foreach (var value in (byte[][])[Modulus, Exponent, D, Iqmp, P, Q])
        {
            writer.WriteMpint(value);
        }
    }

    protected override IEnumerable<byte[]> SecretFields() => [D, Iqmp, P, Q];
}
