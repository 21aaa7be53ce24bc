using System.Security.Cryptography;
using EicAgent.Agent.Protocol;
using EicAgent.Agent.Protocol.Messages;

namespace EicAgent.Agent.Keys;

/// <summary>
/// An ECDSA key over nistp256/384/521, sealed in locked memory between signatures; the curve fixes the hash
/// (RFC 5656 section 6.2.1).
/// </summary>
internal sealed class EcdsaAgentKey : AgentKey
{
    private readonly SealedPrivateKey<ECDsa> _key;
    private readonly EcdsaCurve _curve;

    private EcdsaAgentKey(SealedPrivateKey<ECDsa> key, EcdsaCurve curve, byte[] publicBlob)
        : base(publicBlob)
    {
        _key = key;
        _curve = curve;
    }

    public static EcdsaAgentKey Import(EcdsaPrivateKeyFields fields)
    {
        var curve = EcdsaCurve.ForName(fields.CurveName);
        if (fields.PrivateScalar.Length > curve.FieldSize)
        {
            throw new AgentProtocolException($"{curve.Name} private scalar longer than the curve allows");
        }

        var scalar = new byte[curve.FieldSize];
        fields.PrivateScalar.CopyTo(scalar, curve.FieldSize - fields.PrivateScalar.Length);
        var ecdsa = ECDsa.Create();
        try
        {
            ecdsa.ImportParameters(new ECParameters { Curve = curve.Curve, Q = curve.ToPoint(fields.PublicPoint), D = scalar });
        }
        catch (CryptographicException exception)
        {
            ecdsa.Dispose();
            throw new AgentProtocolException($"{fields.KeyType} key refused: {exception.Message}");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(scalar);
        }

        return new EcdsaAgentKey(SealedPrivateKey<ECDsa>.Seal(ecdsa, ECDsa.Create), curve, PublicBlob(fields.KeyType, curve.Name, fields.PublicPoint));
    }

    /*
     * string  "ecdsa-sha2-nistp256"
     * string  "nistp256"
     * string  Q
     */
    private static byte[] PublicBlob(string keyType, string curveName, ReadOnlySpan<byte> point)
    {
        using var writer = new SshWriter();
        writer.WriteString(keyType);
        writer.WriteString(curveName);
        writer.WriteString(point);
        return writer.ToArray();
    }

    /*
     * string  "ecdsa-sha2-nistp256"
     * string  (mpint r; mpint s)
     */
    protected override byte[] SignCore(ReadOnlySpan<byte> data, SignatureFlags flags)
    {
        byte[] p1363;
        using (var ecdsa = _key.Open())
        {
            p1363 = ecdsa.SignData(data, _curve.Hash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }

        using var writer = new SshWriter();
        writer.WriteString(KeyType);
        var inner = writer.BeginString();
        writer.WriteMpint(p1363.AsSpan(0, _curve.FieldSize));
        writer.WriteMpint(p1363.AsSpan(_curve.FieldSize));
        writer.EndString(inner);
        return writer.ToArray();
    }

    protected override void DisposeCore() => _key.Dispose();
}
