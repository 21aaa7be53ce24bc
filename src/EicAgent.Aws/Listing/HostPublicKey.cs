using System.Buffers.Binary;
using System.Text;

namespace EicAgent.Aws.Listing;

/// <summary>One host public key as an instance printed it: "ssh-ed25519" and its base64 blob.</summary>
public sealed record HostPublicKey(string KeyType, string Base64)
{
    /// <summary>The host key types OpenSSH's sshd generates; anything else on a console is not a host key we trust.</summary>
    public static readonly IReadOnlySet<string> AllowedTypes = new HashSet<string>(StringComparer.Ordinal)
    {
        "ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521", "ssh-rsa",
    };

    /// <summary>
    /// The key if <paramref name="keyType"/> is allowed and <paramref name="base64"/> decodes to a blob whose own
    /// type string (its first field, RFC 4253 6.6) is that type, else null. Text from a console or a cache file goes
    /// into known_hosts lines only through here.
    /// </summary>
    public static HostPublicKey? TryCreate(string keyType, string base64)
    {
        if (!AllowedTypes.Contains(keyType) || base64.Length > 4096)
        {
            return null;
        }

        var blob = new byte[base64.Length];
        if (!Convert.TryFromBase64String(base64, blob, out var length) || length < 4)
        {
            return null;
        }

        var typeLength = BinaryPrimitives.ReadUInt32BigEndian(blob);
        return typeLength <= (uint)(length - 4) && Encoding.ASCII.GetString(blob, 4, (int)typeLength) == keyType
            && length > 4 + (int)typeLength
            ? new HostPublicKey(keyType, base64)
            : null;
    }
}
