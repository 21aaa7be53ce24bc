using System.Security.Cryptography;
using EicAgent.Agent.Protocol;

namespace EicAgent.Agent.Keys;

/// <summary>The NIST curves SSH names (RFC 5656): each with the hash its signatures use and its field size in bytes.</summary>
internal sealed record EcdsaCurve(string Name, ECCurve Curve, HashAlgorithmName Hash, int FieldSize)
{
    public static EcdsaCurve ForName(string name) => name switch
    {
        "nistp256" => new(name, ECCurve.NamedCurves.nistP256, HashAlgorithmName.SHA256, 32),
        "nistp384" => new(name, ECCurve.NamedCurves.nistP384, HashAlgorithmName.SHA384, 48),
        "nistp521" => new(name, ECCurve.NamedCurves.nistP521, HashAlgorithmName.SHA512, 66),
        _ => throw new AgentProtocolException($"unknown curve {name}"),
    };

    /// <summary>The uncompressed point (0x04 || x || y) as .NET wants it, or an error for any other form.</summary>
    public ECPoint ToPoint(ReadOnlySpan<byte> point)
    {
        if (point.Length != 1 + (2 * FieldSize) || point[0] != 4)
        {
            AgentProtocolException.Throw($"not an uncompressed {Name} point");
        }

        return new ECPoint { X = point.Slice(1, FieldSize).ToArray(), Y = point.Slice(1 + FieldSize, FieldSize).ToArray() };
    }
}
