using System.Text;
using EicAgent.Agent.Protocol;
using EicAgent.Agent.Protocol.Messages;

namespace EicAgent.Agent.Keys;

/// <summary>
/// What the agent needs from an OpenSSH certificate blob: the key it certifies, whether it is a user or host
/// certificate, its principals, validity and the authority that signed it. The CA signature itself is for sshd
/// and ssh to verify; the agent only matches the authority against keys the user named.
/// https://github.com/openssh/openssh-portable/blob/master/PROTOCOL.certkeys
/// </summary>
internal sealed record SshCertificate(
    byte[] PlainKeyBlob, uint CertificateType, IReadOnlyList<string> Principals, ulong ValidAfter, ulong ValidBefore, byte[] AuthorityKeyBlob)
{
    public const uint HostCertificate = 2;

    /*
     * string  "<type>-cert-v01@openssh.com"
     * string  nonce
     * ...     the public fields of <type> (each a string or mpint)
     * uint64  serial
     * uint32  type (1 user, 2 host)
     * string  key id
     * string  valid principals (strings)
     * uint64  valid after
     * uint64  valid before
     * string  critical options
     * string  extensions
     * string  reserved
     * string  signature key
     * string  signature
     */
    public static SshCertificate Parse(ReadOnlySpan<byte> blob)
    {
        var reader = new SshReader(blob);
        var certificateType = reader.ReadUtf8String();
        if (!CertifiedKeyFields.IsCertificateType(certificateType))
        {
            AgentProtocolException.Throw($"{certificateType} is not a certificate");
        }

        var plainType = certificateType[..^CertifiedKeyFields.Suffix.Length];
        reader.ReadString();
        var before = reader.Remaining;
        var rest = blob[(blob.Length - before)..];
        for (var field = 0; field < PublicFieldCount(plainType); field++)
        {
            reader.ReadString();
        }

        var publicFields = rest[..(before - reader.Remaining)];
        reader.ReadUInt64();
        var type = reader.ReadUInt32();
        reader.ReadString();
        var principals = ReadPrincipals(reader.ReadString());
        var validAfter = reader.ReadUInt64();
        var validBefore = reader.ReadUInt64();
        reader.ReadString();
        reader.ReadString();
        reader.ReadString();
        var authority = reader.ReadString().ToArray();
        reader.ReadString();
        reader.EnsureAtEnd();
        return new SshCertificate(PlainBlob(plainType, publicFields), type, principals, validAfter, validBefore, authority);
    }

    /// <summary>True for a blob whose type names a certificate.</summary>
    public static bool IsCertificate(ReadOnlySpan<byte> blob) =>
        CertifiedKeyFields.IsCertificateType(SshPublicKey.KeyType(blob));

    /// <summary>As sshd's known_hosts check of a host certificate: a host certificate, valid now, naming <paramref name="hostname"/>.</summary>
    public string? RefusesHost(string hostname, DateTimeOffset now)
    {
        var seconds = (ulong)now.ToUnixTimeSeconds();
        return CertificateType != HostCertificate ? "not a host certificate"
            : seconds < ValidAfter || seconds >= ValidBefore ? "not valid now"
            : Principals.Count == 0 ? "no principals"
            : Principals.Any(principal => SshPattern.Matches(hostname, principal)) ? null
            : $"no principal matches {hostname}";
    }

    private static int PublicFieldCount(string plainType) => plainType switch
    {
        Ed25519PrivateKeyFields.Type => 1,
        RsaPrivateKeyFields.Type => 2,
        DsaPrivateKeyFields.Type => 4,
        _ when plainType.StartsWith(EcdsaPrivateKeyFields.TypePrefix, StringComparison.Ordinal) => 2,
        _ => throw new AgentProtocolException($"unsupported certificate key type {plainType}"),
    };

    private static byte[] PlainBlob(string plainType, ReadOnlySpan<byte> publicFields)
    {
        using var writer = new SshWriter();
        writer.WriteString(plainType);
        writer.WriteRaw(publicFields);
        return writer.ToArray();
    }

    private static List<string> ReadPrincipals(ReadOnlySpan<byte> packed)
    {
        var reader = new SshReader(packed);
        var principals = new List<string>();
        while (!reader.AtEnd)
        {
            principals.Add(Encoding.UTF8.GetString(reader.ReadString()));
        }

        return principals;
    }
}
