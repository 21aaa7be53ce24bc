using System.Security.Cryptography;
using EicAgent.Agent.Protocol.Messages;

namespace EicAgent.Agent.Keys;

/// <summary>The one place that maps RSA signature names and request flags to hashes (RFC 8332).</summary>
internal static class RsaSignatureAlgorithm
{
    public const string Sha512 = "rsa-sha2-512";
    public const string Sha256 = "rsa-sha2-256";
    public const string Sha1 = "ssh-rsa";

    public static (string Name, HashAlgorithmName Hash) ForFlags(SignatureFlags flags) =>
        flags.HasFlag(SignatureFlags.RsaSha2_512) ? (Sha512, HashAlgorithmName.SHA512)
        : flags.HasFlag(SignatureFlags.RsaSha2_256) ? (Sha256, HashAlgorithmName.SHA256)
        : (Sha1, HashAlgorithmName.SHA1);

    public static HashAlgorithmName? ForName(string name) => name switch
    {
        Sha512 => HashAlgorithmName.SHA512,
        Sha256 => HashAlgorithmName.SHA256,
        Sha1 => HashAlgorithmName.SHA1,
        _ => null,
    };
}
