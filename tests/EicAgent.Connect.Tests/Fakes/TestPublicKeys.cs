using System.Security.Cryptography;
using EicAgent.Agent.Keys;
using EicAgent.Agent.Protocol;

namespace EicAgent.Connect.Tests.Fakes;

/// <summary>Public key blobs of each type, from fresh keys (the private halves are dropped at once).</summary>
internal static class TestPublicKeys
{
    public static byte[] Ed25519() => Blob(writer =>
    {
        writer.WriteString("ssh-ed25519");
        writer.WriteString(RandomNumberGenerator.GetBytes(32));
    });

    public static byte[] Rsa(int bits)
    {
        using var rsa = RSA.Create(bits);
        var parameters = rsa.ExportParameters(includePrivateParameters: false);
        return RsaAgentKey.PublicBlob(parameters.Exponent, parameters.Modulus);
    }

    private static readonly Lazy<byte[]> P256 = new(() =>
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var point = ecdsa.ExportParameters(includePrivateParameters: false).Q;
        return Blob(writer =>
        {
            writer.WriteString("ecdsa-sha2-nistp256");
            writer.WriteString("nistp256");
            writer.WriteString([0x04, .. point.X!, .. point.Y!]);
        });
    });

    public static byte[] EcdsaP256() => P256.Value;

    private static byte[] Blob(Action<SshWriter> write)
    {
        using var writer = new SshWriter();
        write(writer);
        return writer.ToArray();
    }
}
