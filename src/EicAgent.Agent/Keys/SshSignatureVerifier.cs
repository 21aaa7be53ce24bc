using System.Security.Cryptography;
using EicAgent.Agent.Protocol;
using EicAgent.Agent.Protocol.Messages;
using NSec.Cryptography;

namespace EicAgent.Agent.Keys;

/// <summary>
/// Verifies an SSH signature blob with a public key blob: what a server's host key signs at key exchange
/// (Ed25519, RSA with SHA-1/SHA-2, ECDSA over nistp256/384/521). Anything malformed is simply "not valid".
/// </summary>
internal static class SshSignatureVerifier
{
    private const string EcdsaPrefix = "ecdsa-sha2-";

    public static bool Verify(ReadOnlySpan<byte> keyBlob, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signatureBlob)
    {
        try
        {
            // A host certificate signs with the key it certifies.
            var key = new SshReader(SshCertificate.IsCertificate(keyBlob) ? SshCertificate.Parse(keyBlob).PlainKeyBlob : keyBlob);
            var signature = new SshReader(signatureBlob);
            var keyType = key.ReadUtf8String();
            var signatureType = signature.ReadUtf8String();
            var signatureBytes = signature.ReadString();
            signature.EnsureAtEnd();
            return keyType switch
            {
                Ed25519PrivateKeyFields.Type => signatureType == keyType && VerifyEd25519(ref key, data, signatureBytes),
                RsaPrivateKeyFields.Type => VerifyRsa(ref key, signatureType, data, signatureBytes),
                _ when keyType.StartsWith(EcdsaPrefix, StringComparison.Ordinal) =>
                    signatureType == keyType && VerifyEcdsa(ref key, keyType, data, signatureBytes),
                _ => false,
            };
        }
        catch (Exception exception) when (exception is AgentProtocolException or CryptographicException or FormatException)
        {
            return false;
        }
    }

    /* key: string "ssh-ed25519"; string pk(32)    signature: string "ssh-ed25519"; string sig(64) */
    private static bool VerifyEd25519(ref SshReader key, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        var publicKeyBytes = key.ReadString();
        key.EnsureAtEnd();
        return NSec.Cryptography.PublicKey.TryImport(SignatureAlgorithm.Ed25519, publicKeyBytes, KeyBlobFormat.RawPublicKey, out var publicKey)
            && publicKey is not null
            && SignatureAlgorithm.Ed25519.Verify(publicKey, data, signature);
    }

    /* key: string "ssh-rsa"; mpint e; mpint n    signature: string "rsa-sha2-512" | "rsa-sha2-256" | "ssh-rsa"; string sig */
    private static bool VerifyRsa(ref SshReader key, string signatureType, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        var exponent = key.ReadPositiveMpint();
        var modulus = key.ReadPositiveMpint();
        key.EnsureAtEnd();
        if (RsaSignatureAlgorithm.ForName(signatureType) is not { } hash)
        {
            return false;
        }

        using var rsa = RSA.Create();
        rsa.ImportParameters(new RSAParameters { Exponent = exponent.ToArray(), Modulus = modulus.ToArray() });
        return rsa.VerifyData(data, signature, hash, RSASignaturePadding.Pkcs1);
    }

    /*
     * key: string "ecdsa-sha2-<curve>"; string curve ("nistp256"); string Q (0x04 || x || y)
     * signature: string "ecdsa-sha2-<curve>"; string (mpint r; mpint s)
     */
    private static bool VerifyEcdsa(ref SshReader key, string keyType, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        var curveName = key.ReadUtf8String();
        var point = key.ReadString();
        key.EnsureAtEnd();
        var curve = EcdsaCurve.ForName(curveName);
        var fieldSize = curve.FieldSize;
        if (keyType != EcdsaPrefix + curveName)
        {
            return false;
        }

        var rs = new SshReader(signature);
        var r = rs.ReadPositiveMpint();
        var s = rs.ReadPositiveMpint();
        rs.EnsureAtEnd();
        if (r.Length > fieldSize || s.Length > fieldSize)
        {
            return false;
        }

        // .NET wants r || s, each left-padded to the field size (IEEE P1363).
        var p1363 = new byte[2 * fieldSize];
        r.CopyTo(p1363.AsSpan(fieldSize - r.Length));
        s.CopyTo(p1363.AsSpan((2 * fieldSize) - s.Length));
        using var ecdsa = ECDsa.Create(new ECParameters { Curve = curve.Curve, Q = curve.ToPoint(point) });
        return ecdsa.VerifyData(data, p1363, curve.Hash);
    }
}
