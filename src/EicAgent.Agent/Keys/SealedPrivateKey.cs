using System.Security.Cryptography;
using EicAgent.Agent.Platform;

namespace EicAgent.Agent.Keys;

/// <summary>
/// An OpenSSL-backed private key (RSA, ECDSA, DSA) kept between signatures only as PKCS#8 in locked memory. OpenSSL
/// allocates its key objects on its own heap, which can be swapped out; so the object exists only while it signs
/// (<see cref="Open"/>) and is freed right after, when OpenSSL clears its private numbers. Ed25519 keys need none
/// of this: libsodium keeps them in locked memory itself.
/// </summary>
internal sealed class SealedPrivateKey<TAlgorithm> : IDisposable
    where TAlgorithm : AsymmetricAlgorithm
{
    /// <summary>Room for the PKCS#8 of an RSA key with a 16384-bit modulus, OpenSSH's largest.</summary>
    private const int MaximumPkcs8Length = 16 * 1024;

    private readonly LockedMemory _pkcs8;
    private readonly int _length;
    private readonly Func<TAlgorithm> _create;

    private SealedPrivateKey(LockedMemory pkcs8, int length, Func<TAlgorithm> create)
    {
        _pkcs8 = pkcs8;
        _length = length;
        _create = create;
    }

    public bool IsLocked => _pkcs8.IsLocked;

    /// <summary>Moves <paramref name="key"/> into locked memory and disposes it.</summary>
    public static SealedPrivateKey<TAlgorithm> Seal(TAlgorithm key, Func<TAlgorithm> create)
    {
        using (key)
        {
            for (var capacity = 4096; ; capacity *= 2)
            {
                var memory = new LockedMemory(capacity);
                if (key.TryExportPkcs8PrivateKey(memory.Span, out var written))
                {
                    return new SealedPrivateKey<TAlgorithm>(memory, written, create);
                }

                memory.Dispose();
                if (capacity >= MaximumPkcs8Length)
                {
                    throw new CryptographicException($"the private key needs more than {MaximumPkcs8Length} bytes");
                }
            }
        }
    }

    /// <summary>A live key object for one use; the caller disposes it as soon as it has signed.</summary>
    public TAlgorithm Open()
    {
        var key = _create();
        try
        {
            key.ImportPkcs8PrivateKey(_pkcs8.Span[.._length], out _);
            return key;
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    public void Dispose() => _pkcs8.Dispose();
}
