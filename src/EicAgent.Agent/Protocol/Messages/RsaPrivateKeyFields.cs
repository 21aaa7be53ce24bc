namespace EicAgent.Agent.Protocol.Messages;

/*
 * string  "ssh-rsa"
 * mpint   n
 * mpint   e
 * mpint   d
 * mpint   iqmp (q^-1 mod p)
 * mpint   p
 * mpint   q
 */
/// <summary>The private fields of an RSA key.</summary>
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

    /// <summary>A certificate carries e and n (in that order); the message d, iqmp, p and q.</summary>
    internal static RsaPrivateKeyFields ReadCertified(ref SshReader certificate, ref SshReader reader)
    {
        var exponent = certificate.ReadPositiveMpint().ToArray();
        var modulus = certificate.ReadPositiveMpint().ToArray();
        return new(
            modulus,
            exponent,
            reader.ReadPositiveMpint().ToArray(),
            reader.ReadPositiveMpint().ToArray(),
            reader.ReadPositiveMpint().ToArray(),
            reader.ReadPositiveMpint().ToArray());
    }

    protected override void WriteFields(SshWriter writer)
    {
        writer.WriteMpint(Modulus);
        writer.WriteMpint(Exponent);
        WriteCertifiedFields(writer);
    }

    protected internal override void WriteCertifiedFields(SshWriter writer)
    {
        foreach (var value in (byte[][])[D, Iqmp, P, Q])
        {
            writer.WriteMpint(value);
        }
    }

    protected override IEnumerable<byte[]> SecretFields() => [D, Iqmp, P, Q];
}
