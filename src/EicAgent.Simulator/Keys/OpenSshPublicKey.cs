using System.Buffers.Binary;
using System.Text;

namespace EicAgent.Simulator.Keys;

/// <summary>
/// Checks an OpenSSH one-line public key ("type base64-blob [comment]") the way EC2 Instance Connect does: it must
/// parse, and be ssh-ed25519 or ssh-rsa of at least 2048 bits. Returns null when acceptable, else the reason.
/// </summary>
internal static class OpenSshPublicKey
{
    /*
     * Key blobs (RFC 4253 6.6, RFC 8709):
     *   string "ssh-ed25519"; string key(32)
     *   string "ssh-rsa";     mpint e; mpint n
     */
    public static string? Problem(string line)
    {
        var fields = line.Trim().Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 2)
        {
            return "The public key is not in the OpenSSH format (type, base64 key, optional comment).";
        }

        byte[] blob;
        try
        {
            blob = Convert.FromBase64String(fields[1]);
        }
        catch (FormatException)
        {
            return "The public key is not valid base64.";
        }

        var reader = new BlobReader(blob);
        if (!reader.TryReadString(out var typeBytes) || Encoding.ASCII.GetString(typeBytes) != fields[0])
        {
            return "The public key type does not match its contents.";
        }

        return fields[0] switch
        {
            "ssh-ed25519" => reader.TryReadString(out var key) && key.Length == 32 && reader.AtEnd
                ? null
                : "The ssh-ed25519 public key is malformed.",
            "ssh-rsa" => RsaProblem(ref reader),
            _ => $"Unsupported key type {fields[0]}: use ssh-ed25519 or ssh-rsa (2048 bits or more).",
        };
    }

    /// <summary>"SHA256:base64" as ssh-keygen -l prints it: safe to log, unlike the key.</summary>
    public static string Fingerprint(string line) =>
        "SHA256:" + Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(Convert.FromBase64String(line.Trim().Split(' ')[1]))).TrimEnd('=');

    private static string? RsaProblem(ref BlobReader reader)
    {
        if (!reader.TryReadString(out _) || !reader.TryReadString(out var modulus) || !reader.AtEnd)
        {
            return "The ssh-rsa public key is malformed.";
        }

        var significant = modulus.TrimStart((byte)0);
        var bits = significant.Length == 0 ? 0 : ((significant.Length - 1) * 8) + (8 - byte.LeadingZeroCount(significant[0]));
        return bits >= 2048 ? null : $"The ssh-rsa public key has {bits} bits: at least 2048 are required.";
    }

    private ref struct BlobReader(ReadOnlySpan<byte> blob)
    {
        private ReadOnlySpan<byte> _rest = blob;

        public readonly bool AtEnd => _rest.IsEmpty;

        public bool TryReadString(out ReadOnlySpan<byte> value)
        {
            value = default;
            if (_rest.Length < 4)
            {
                return false;
            }

            var length = BinaryPrimitives.ReadUInt32BigEndian(_rest);
            if (length > (uint)(_rest.Length - 4))
            {
                return false;
            }

            value = _rest.Slice(4, (int)length);
            _rest = _rest[(4 + (int)length)..];
            return true;
        }
    }
}
