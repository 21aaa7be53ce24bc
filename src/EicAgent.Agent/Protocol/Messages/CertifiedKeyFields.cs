namespace EicAgent.Agent.Protocol.Messages;

/*
 * string  "<type>-cert-v01@openssh.com"
 * string  certificate blob
 * ...     the private fields of <type> that the certificate does not carry
 *
 * certificate blob:
 *   string  "<type>-cert-v01@openssh.com"
 *   string  nonce
 *   ...     the public fields of <type>
 *   ...     serial, type, key id, principals, validity, options, extensions, CA key, signature
 */
/// <summary>
/// A key added together with its OpenSSH certificate: the agent lists and is asked to sign with the certificate
/// blob, and signs with the key underneath. https://github.com/openssh/openssh-portable/blob/master/PROTOCOL.certkeys
/// </summary>
public sealed class CertifiedKeyFields(string keyType, byte[] certificate, PrivateKeyFields key) : PrivateKeyFields
{
    public const string Suffix = "-cert-v01@openssh.com";

    public override string KeyType { get; } = keyType;

    public byte[] Certificate { get; } = certificate;

    /// <summary>The underlying key, with its public fields taken from the certificate.</summary>
    public PrivateKeyFields Key { get; } = key;

    public static bool IsCertificateType(string keyType) => keyType.EndsWith(Suffix, StringComparison.Ordinal);

    internal static CertifiedKeyFields ReadFields(string keyType, ref SshReader reader)
    {
        var certificateBlob = reader.ReadString();
        var certificate = new SshReader(certificateBlob);
        if (certificate.ReadUtf8String() != keyType)
        {
            AgentProtocolException.Throw($"the certificate inside a {keyType} is of another type");
        }

        certificate.ReadString(); // nonce
        var plainType = keyType[..^Suffix.Length];
        PrivateKeyFields key = plainType switch
        {
            Ed25519PrivateKeyFields.Type => Ed25519PrivateKeyFields.ReadCertified(ref certificate, ref reader),
            RsaPrivateKeyFields.Type => RsaPrivateKeyFields.ReadCertified(ref certificate, ref reader),
            DsaPrivateKeyFields.Type => DsaPrivateKeyFields.ReadCertified(ref certificate, ref reader),
            _ when plainType.StartsWith(EcdsaPrivateKeyFields.TypePrefix, StringComparison.Ordinal) => EcdsaPrivateKeyFields.ReadCertified(ref certificate, ref reader),
            _ => throw new AgentProtocolException($"unsupported certificate type {keyType}"),
        };
        return new CertifiedKeyFields(keyType, certificateBlob.ToArray(), key);
    }

    protected override void WriteFields(SshWriter writer)
    {
        writer.WriteString(Certificate);
        Key.WriteCertifiedFields(writer);
    }

    protected internal override void WriteCertifiedFields(SshWriter writer) =>
        throw new InvalidOperationException("a certificate is not certified again");

    protected override IEnumerable<byte[]> SecretFields()
    {
        Key.Dispose();
        return [];
    }
}
