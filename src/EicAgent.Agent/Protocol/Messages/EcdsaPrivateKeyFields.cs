namespace EicAgent.Agent.Protocol.Messages;

/*
 * string  "ecdsa-sha2-nistp256" (or -nistp384, -nistp521)
 * string  curve name ("nistp256")
 * string  public point Q (0x04 || x || y)
 * mpint   private scalar d
 */
/// <summary>The private fields of an ECDSA key over one of the NIST curves.</summary>
public sealed class EcdsaPrivateKeyFields(string curveName, byte[] publicPoint, byte[] privateScalar) : PrivateKeyFields
{
    public const string TypePrefix = "ecdsa-sha2-";

    public override string KeyType => TypePrefix + CurveName;

    public string CurveName { get; } = curveName;

    public byte[] PublicPoint { get; } = publicPoint;

    public byte[] PrivateScalar { get; } = privateScalar;

    internal static EcdsaPrivateKeyFields ReadFields(string keyType, ref SshReader reader)
    {
        var curve = reader.ReadUtf8String();
        if (keyType != TypePrefix + curve)
        {
            AgentProtocolException.Throw($"key type {keyType} names curve {curve}");
        }

        return new(curve, reader.ReadString().ToArray(), reader.ReadPositiveMpint().ToArray());
    }

    /// <summary>A certificate carries the curve and Q; the message only the scalar.</summary>
    internal static EcdsaPrivateKeyFields ReadCertified(ref SshReader certificate, ref SshReader reader) =>
        new(certificate.ReadUtf8String(), certificate.ReadString().ToArray(), reader.ReadPositiveMpint().ToArray());

    protected override void WriteFields(SshWriter writer)
    {
        writer.WriteString(CurveName);
        writer.WriteString(PublicPoint);
        WriteCertifiedFields(writer);
    }

    protected internal override void WriteCertifiedFields(SshWriter writer) => writer.WriteMpint(PrivateScalar);

    protected override IEnumerable<byte[]> SecretFields() => [PrivateScalar];
}
