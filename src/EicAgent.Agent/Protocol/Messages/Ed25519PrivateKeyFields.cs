namespace EicAgent.Agent.Protocol.Messages;

/*
 * string  "ssh-ed25519"
 * string  public key (32 bytes)
 * string  private key (64 bytes: seed || public key)
 */
/// <summary>The private fields of an Ed25519 key.</summary>
public sealed class Ed25519PrivateKeyFields(byte[] publicKey, byte[] privateKey) : PrivateKeyFields
{
    public const string Type = "ssh-ed25519";

    public override string KeyType => Type;

    public byte[] PublicKey { get; } = publicKey;

    public byte[] PrivateKey { get; } = privateKey;

    internal static Ed25519PrivateKeyFields ReadFields(ref SshReader reader) =>
        new(reader.ReadString().ToArray(), reader.ReadString().ToArray());

    /// <summary>A certificate carries the public key, and the message repeats it before the private key.</summary>
    internal static Ed25519PrivateKeyFields ReadCertified(ref SshReader certificate, ref SshReader reader)
    {
        var certified = certificate.ReadString();
        var fields = ReadFields(ref reader);
        if (!certified.SequenceEqual(fields.PublicKey))
        {
            fields.Dispose();
            AgentProtocolException.Throw("the certificate is for another Ed25519 key than the one added with it");
        }

        return fields;
    }

    protected override void WriteFields(SshWriter writer) => WriteCertifiedFields(writer);

    protected internal override void WriteCertifiedFields(SshWriter writer)
    {
        writer.WriteString(PublicKey);
        writer.WriteString(PrivateKey);
    }

    protected override IEnumerable<byte[]> SecretFields() => [PrivateKey];
}
