using System.Numerics;
using EicAgent.Agent.Keys;
using EicAgent.Agent.Protocol;

namespace EicAgent.Cli.Connect;

/// <summary>
/// A key the user already has, pushed instead of a minted one (`eic proxy --push-key`); whoever holds its private
/// half (eic's agent, the upstream agent, a key file) signs. EC2 Instance Connect accepts only Ed25519 keys and RSA
/// keys of 2048 bits or more, so anything else is refused here with the reason rather than by AWS.
/// </summary>
internal sealed record ExistingKey(string PublicKeyLine, string Fingerprint)
{
    public const int MinimumRsaBits = 2048;

    /// <summary>Throws with the reason for the user when EC2 Instance Connect would not take <paramref name="keyBlob"/>.</summary>
    public static ExistingKey FromBlob(ReadOnlySpan<byte> keyBlob)
    {
        var fingerprint = SshPublicKey.Fingerprint(keyBlob);
        string type;
        try
        {
            type = SshPublicKey.KeyType(keyBlob);
            if (type == "ssh-rsa" && RsaBits(keyBlob) is var bits and < MinimumRsaBits)
            {
                throw new InvalidOperationException(
                    $"the key to push ({fingerprint}) is RSA of {bits} bits; EC2 Instance Connect takes RSA of {MinimumRsaBits} bits or more, or Ed25519");
            }
        }
        catch (AgentProtocolException)
        {
            throw new InvalidOperationException($"the key to push ({fingerprint}) is not a well-formed SSH public key");
        }

        if (type is not ("ssh-ed25519" or "ssh-rsa"))
        {
            throw new InvalidOperationException(
                $"the key to push ({fingerprint}) is {UnquotedType(type)}; EC2 Instance Connect takes only Ed25519 and RSA keys (2048 bits or more)");
        }

        // The comment names the key by its fingerprint: the user's own comment (often user@host) stays theirs.
        return new ExistingKey(SshPublicKey.ToOpenSshLine(keyBlob, "eic-existing-key"), fingerprint);
    }

    /*
     * ssh-rsa public key blob:
     * string  "ssh-rsa"
     * mpint   e
     * mpint   n
     */
    private static long RsaBits(ReadOnlySpan<byte> keyBlob)
    {
        var reader = new SshReader(keyBlob);
        reader.ReadString();
        reader.ReadPositiveMpint();
        var modulus = reader.ReadPositiveMpint();
        reader.EnsureAtEnd();
        return (long)new BigInteger(modulus, isUnsigned: true, isBigEndian: true).GetBitLength();
    }

    private static string UnquotedType(string type) => type.Length is > 0 and <= 64 && type.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '@' or '.')
        ? type
        : "of an unknown type";
}
