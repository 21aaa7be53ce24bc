using System.Numerics;
using System.Security.Cryptography;
using EicAgent.Agent.Protocol;
using EicAgent.Agent.Protocol.Messages;

namespace EicAgent.Agent.Keys;

/// <summary>
/// An RSA key, sealed in locked memory between signatures; the signature hash follows the request flags (SHA-512,
/// SHA-256, else SHA-1 "ssh-rsa").
/// </summary>
internal sealed class RsaAgentKey : AgentKey
{
    /// <summary>OpenSSH refuses shorter moduli (SSH_RSA_MINIMUM_MODULUS_SIZE).</summary>
    private const int MinimumModulusBits = 1024;

    private readonly SealedPrivateKey<RSA> _key;

    private RsaAgentKey(SealedPrivateKey<RSA> key, byte[] publicBlob)
        : base(publicBlob) => _key = key;

    public static RsaAgentKey Import(RsaPrivateKeyFields fields)
    {
        if (fields.Modulus.Length * 8 < MinimumModulusBits)
        {
            throw new AgentProtocolException($"RSA key shorter than {MinimumModulusBits} bits");
        }

        var parameters = ToParameters(fields);
        var rsa = RSA.Create();
        try
        {
            rsa.ImportParameters(parameters);
        }
        catch (CryptographicException exception)
        {
            rsa.Dispose();
            throw new AgentProtocolException($"RSA key refused: {exception.Message}");
        }
        finally
        {
            Wipe(parameters);
        }

        return new RsaAgentKey(SealedPrivateKey<RSA>.Seal(rsa, RSA.Create), PublicBlob(fields.Exponent, fields.Modulus));
    }

    /*
     * string  "ssh-rsa"
     * mpint   e
     * mpint   n
     */
    public static byte[] PublicBlob(ReadOnlySpan<byte> exponent, ReadOnlySpan<byte> modulus)
    {
        using var writer = new SshWriter();
        writer.WriteString(RsaPrivateKeyFields.Type);
        writer.WriteMpint(exponent);
        writer.WriteMpint(modulus);
        return writer.ToArray();
    }

    /*
     * string  "rsa-sha2-512", "rsa-sha2-256" or "ssh-rsa"
     * string  signature (as long as the modulus)
     */
    protected override byte[] SignCore(ReadOnlySpan<byte> data, SignatureFlags flags)
    {
        var (algorithm, hash) = RsaSignatureAlgorithm.ForFlags(flags);
        byte[] signature;
        using (var rsa = _key.Open())
        {
            signature = rsa.SignData(data.ToArray(), hash, RSASignaturePadding.Pkcs1);
        }

        using var writer = new SshWriter();
        writer.WriteString(algorithm);
        writer.WriteString(signature);
        return writer.ToArray();
    }

    protected override void DisposeCore() => _key.Dispose();

    /// <summary>
    /// .NET wants the CRT exponents that OpenSSH does not send: dP = d mod (p-1), dQ = d mod (q-1). The
    /// BigInteger intermediates cannot be wiped; the arrays handed to RSA are.
    /// </summary>
    private static RSAParameters ToParameters(RsaPrivateKeyFields fields)
    {
        var half = (fields.Modulus.Length + 1) / 2;
        var d = new BigInteger(fields.D, isUnsigned: true, isBigEndian: true);
        var p = new BigInteger(fields.P, isUnsigned: true, isBigEndian: true);
        var q = new BigInteger(fields.Q, isUnsigned: true, isBigEndian: true);
        return new RSAParameters
        {
            Modulus = fields.Modulus.ToArray(),
            Exponent = fields.Exponent.ToArray(),
            D = LeftPad(fields.D, fields.Modulus.Length),
            P = LeftPad(fields.P, half),
            Q = LeftPad(fields.Q, half),
            DP = LeftPad((d % (p - 1)).ToByteArray(isUnsigned: true, isBigEndian: true), half),
            DQ = LeftPad((d % (q - 1)).ToByteArray(isUnsigned: true, isBigEndian: true), half),
            InverseQ = LeftPad(fields.Iqmp, half),
        };
    }

    private static byte[] LeftPad(byte[] value, int length)
    {
        if (value.Length > length)
        {
            throw new AgentProtocolException("RSA key field longer than its modulus allows");
        }

        var padded = new byte[length];
        value.CopyTo(padded, length - value.Length);
        return padded;
    }

    private static void Wipe(RSAParameters parameters)
    {
        foreach (var secret in (byte[]?[])[parameters.D, parameters.P, parameters.Q, parameters.DP, parameters.DQ, parameters.InverseQ])
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }
}
