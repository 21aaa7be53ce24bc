using System.Security.Cryptography;
using EicAgent.Agent.Protocol;

namespace EicAgent.Agent.Keys;

/// <summary>How OpenSSH shows a public key blob: its authorized_keys line and its SHA256 fingerprint.</summary>
public static class SshPublicKey
{
    /// <summary>`ssh-ed25519 AAAA... comment`, as in a .pub file or authorized_keys.</summary>
    public static string ToOpenSshLine(ReadOnlySpan<byte> keyBlob, string comment)
    {
        var line = $"{KeyType(keyBlob)} {Convert.ToBase64String(keyBlob)}";
        return string.IsNullOrEmpty(comment) ? line : $"{line} {comment}";
    }

    /// <summary>`SHA256:...` as `ssh-keygen -l` and `ssh-add -l` print it (base64 without padding).</summary>
    public static string Fingerprint(ReadOnlySpan<byte> keyBlob) =>
        "SHA256:" + Convert.ToBase64String(SHA256.HashData(keyBlob)).TrimEnd('=');

    /// <summary>The key type a blob starts with, e.g. `ssh-ed25519`.</summary>
    public static string KeyType(ReadOnlySpan<byte> keyBlob) => new SshReader(keyBlob).ReadUtf8String();
}
