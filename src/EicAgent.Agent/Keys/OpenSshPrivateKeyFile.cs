using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace EicAgent.Agent.Keys;

/// <summary>
/// An unencrypted Ed25519 key in OpenSSH's own private key format (PROTOCOL.key), what ssh reads from an
/// IdentityFile. Built in one buffer that the caller wipes: it holds the private key.
/// </summary>
internal static class OpenSshPrivateKeyFile
{
    private const string Begin = "-----BEGIN OPENSSH PRIVATE KEY-----\n";
    private const string End = "-----END OPENSSH PRIVATE KEY-----\n";
    private const int BlockSize = 8;
    private const int LineLength = 70;

    /*
     * "openssh-key-v1\0"; string "none" (cipher); string "none" (kdf); string "" (kdf options); uint32 1 (keys);
     * string public key blob; string private section:
     *   uint32 check; uint32 check (equal); string "ssh-ed25519"; string public key (32);
     *   string seed || public key (64); string comment; padding 1, 2, 3, ... to a multiple of 8
     */
    public static byte[] Write(Ed25519AgentKey key, string comment)
    {
        var seed = key.ExportSeed();
        var publicKey = key.PublicKeyBlob.AsSpan(key.PublicKeyBlob.Length - 32);
        var binary = new byte[1024];
        var text = Array.Empty<char>();
        try
        {
            var at = 0;
            Put(binary, ref at, "openssh-key-v1\0"u8);
            PutString(binary, ref at, "none"u8);
            PutString(binary, ref at, "none"u8);
            PutString(binary, ref at, []);
            PutUInt32(binary, ref at, 1);
            PutString(binary, ref at, key.PublicKeyBlob);

            var sectionLengthAt = at;
            at += 4;
            var sectionStart = at;
            var check = (uint)RandomNumberGenerator.GetInt32(int.MaxValue);
            PutUInt32(binary, ref at, check);
            PutUInt32(binary, ref at, check);
            PutString(binary, ref at, "ssh-ed25519"u8);
            PutString(binary, ref at, publicKey);
            PutUInt32(binary, ref at, 64);
            Put(binary, ref at, seed);
            Put(binary, ref at, publicKey);
            PutString(binary, ref at, Encoding.UTF8.GetBytes(comment));
            for (byte pad = 1; (at - sectionStart) % BlockSize != 0; pad++)
            {
                binary[at++] = pad;
            }

            BinaryPrimitives.WriteUInt32BigEndian(binary.AsSpan(sectionLengthAt), (uint)(at - sectionStart));
            text = new char[Begin.Length + End.Length + (((at + 2) / 3 * 4) + LineLength) / LineLength * (LineLength + 1)];
            return Armour(binary.AsSpan(0, at), text);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(seed);
            CryptographicOperations.ZeroMemory(binary);
            Array.Clear(text);
        }
    }

    private static byte[] Armour(ReadOnlySpan<byte> binary, char[] text)
    {
        var base64 = new char[(binary.Length + 2) / 3 * 4];
        try
        {
            Convert.TryToBase64Chars(binary, base64, out var written);
            var at = 0;
            Begin.CopyTo(text.AsSpan(at));
            at += Begin.Length;
            for (var line = 0; line < written; line += LineLength)
            {
                var length = Math.Min(LineLength, written - line);
                base64.AsSpan(line, length).CopyTo(text.AsSpan(at));
                at += length;
                text[at++] = '\n';
            }

            End.CopyTo(text.AsSpan(at));
            at += End.Length;
            return Encoding.ASCII.GetBytes(text, 0, at);
        }
        finally
        {
            Array.Clear(base64);
        }
    }

    private static void Put(byte[] buffer, ref int at, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(buffer.AsSpan(at));
        at += bytes.Length;
    }

    private static void PutUInt32(byte[] buffer, ref int at, uint value)
    {
        BinaryPrimitives.WriteUInt32BigEndian(buffer.AsSpan(at), value);
        at += 4;
    }

    private static void PutString(byte[] buffer, ref int at, ReadOnlySpan<byte> bytes)
    {
        PutUInt32(buffer, ref at, (uint)bytes.Length);
        Put(buffer, ref at, bytes);
    }
}
