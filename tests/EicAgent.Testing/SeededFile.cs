using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace EicAgent.Testing;

/// <summary>
/// A large file of incompressible bytes made fast (xorshift64*, several GB/s, where /dev/urandom is far slower on
/// a busy machine) and the same for the same seed; its SHA-256 is computed while writing.
/// </summary>
public static class SeededFile
{
    private const int Block = 1024 * 1024;

    /// <summary>Writes <paramref name="length"/> bytes to <paramref name="path"/>; returns their SHA-256 as lowercase hex.</summary>
    public static async Task<string> WriteAsync(string path, long length, ulong seed)
    {
        var state = seed | 1;
        var buffer = new byte[Block];
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, Block);
        for (var left = length; left > 0; left -= Block)
        {
            Fill(buffer, ref state);
            var chunk = buffer.AsMemory(0, (int)Math.Min(Block, left));
            hash.AppendData(chunk.Span);
            await file.WriteAsync(chunk);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static void Fill(byte[] buffer, ref ulong state)
    {
        foreach (ref var word in MemoryMarshal.Cast<byte, ulong>(buffer.AsSpan()))
        {
            state ^= state >> 12;
            state ^= state << 25;
            state ^= state >> 27;
            word = state * 0x2545F4914F6CDD1DUL;
        }
    }
}
