namespace EicAgent.Agent.Protocol.Messages;

/*
 * string  "ssh-dss"
 * mpint   p
 * mpint   q
 * mpint   g
 * mpint   y (public)
 * mpint   x (private)
 */
/// <summary>The private fields of a DSA key: OpenSSH 9.2 still holds them, and its own agent tests add one.</summary>
public sealed class DsaPrivateKeyFields(byte[] p, byte[] q, byte[] g, byte[] y, byte[] x) : PrivateKeyFields
{
    public const string Type = "ssh-dss";

    public override string KeyType => Type;

    public byte[] P { get; } = p;

    public byte[] Q { get; } = q;

    public byte[] G { get; } = g;

    public byte[] Y { get; } = y;

    public byte[] X { get; } = x;

    internal static DsaPrivateKeyFields ReadFields(ref SshReader reader) => ReadCertified(ref reader, ref reader);

    /// <summary>A certificate carries p, q, g and y; the message only x.</summary>
    internal static DsaPrivateKeyFields ReadCertified(ref SshReader certificate, ref SshReader reader) => new(
        certificate.ReadPositiveMpint().ToArray(),
        certificate.ReadPositiveMpint().ToArray(),
        certificate.ReadPositiveMpint().ToArray(),
        certificate.ReadPositiveMpint().ToArray(),
        reader.ReadPositiveMpint().ToArray());

    protected override void WriteFields(SshWriter writer)
    {
        foreach (var value in (byte[][])[P, Q, G, Y])
        {
            writer.WriteMpint(value);
        }

        WriteCertifiedFields(writer);
    }

    protected internal override void WriteCertifiedFields(SshWriter writer) => writer.WriteMpint(X);

    protected override IEnumerable<byte[]> SecretFields() => [X];
}
