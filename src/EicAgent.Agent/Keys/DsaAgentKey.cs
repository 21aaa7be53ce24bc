using System.Security.Cryptography;
using EicAgent.Agent.Protocol;
using EicAgent.Agent.Protocol.Messages;

namespace EicAgent.Agent.Keys;

/// <summary>
/// A DSA key (1024-bit, SHA-1, as `ssh-dss` is defined), sealed in locked memory between signatures: kept because
/// OpenSSH 9.2's agent still holds them.
/// </summary>
internal sealed class DsaAgentKey : AgentKey
{
    /// <summary>`ssh-dss` signatures are r || s with each 160 bits (RFC 4253 section 6.6).</summary>
    private const int SubgroupBytes = 20;

    private readonly SealedPrivateKey<DSA> _key;

    private DsaAgentKey(SealedPrivateKey<DSA> key, byte[] publicBlob)
        : base(publicBlob) => _key = key;

    public static DsaAgentKey Import(DsaPrivateKeyFields fields)
    {
        if (fields.Q.Length != SubgroupBytes)
        {
            throw new AgentProtocolException("ssh-dss wants a 160-bit subgroup");
        }

        var parameters = new DSAParameters
        {
            P = fields.P.ToArray(),
            Q = fields.Q.ToArray(),
            G = LeftPad(fields.G, fields.P.Length),
            Y = LeftPad(fields.Y, fields.P.Length),
            X = LeftPad(fields.X, SubgroupBytes),
        };
        var dsa = DSA.Create();
        try
        {
            dsa.ImportParameters(parameters);
        }
        catch (CryptographicException exception)
        {
            dsa.Dispose();
            throw new AgentProtocolException($"DSA key refused: {exception.Message}");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(parameters.X);
        }

        return new DsaAgentKey(SealedPrivateKey<DSA>.Seal(dsa, DSA.Create), PublicBlob(fields));
    }

    /*
     * string  "ssh-dss"
     * mpint   p, q, g, y
     */
    private static byte[] PublicBlob(DsaPrivateKeyFields fields)
    {
        using var writer = new SshWriter();
        writer.WriteString(DsaPrivateKeyFields.Type);
        foreach (var value in (byte[][])[fields.P, fields.Q, fields.G, fields.Y])
        {
            writer.WriteMpint(value);
        }

        return writer.ToArray();
    }

    /*
     * string  "ssh-dss"
     * string  r || s (20 bytes each)
     */
    protected override byte[] SignCore(ReadOnlySpan<byte> data, SignatureFlags flags)
    {
        byte[] signature;
        using (var dsa = _key.Open())
        {
            signature = dsa.SignData(data.ToArray(), HashAlgorithmName.SHA1, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }

        using var writer = new SshWriter();
        writer.WriteString(DsaPrivateKeyFields.Type);
        writer.WriteString(signature);
        return writer.ToArray();
    }

    protected override void DisposeCore() => _key.Dispose();

    private static byte[] LeftPad(byte[] value, int length)
    {
        if (value.Length > length)
        {
            throw new AgentProtocolException("DSA key field longer than its group allows");
        }

        var padded = new byte[length];
        value.CopyTo(padded, length - value.Length);
        return padded;
    }
}
