using System.Security.Cryptography;

namespace EicAgent.Agent.Core;

/// <summary>
/// `ssh-add -x` / `-X`. Only a salted PBKDF2 hash of the passphrase is kept, and it is compared in constant time.
/// </summary>
internal sealed class AgentLock
{
    private const int SaltSize = 16;
    private const int HashSize = 32;
    private const int Iterations = 10_000;

    private readonly Lock _gate = new();
    private byte[]? _salt;
    private byte[]? _hash;

    public bool IsLocked
    {
        get
        {
            lock (_gate)
            {
                return _hash is not null;
            }
        }
    }

    /// <summary>False when already locked.</summary>
    public bool TryLock(ReadOnlySpan<byte> passphrase)
    {
        lock (_gate)
        {
            if (_hash is not null)
            {
                return false;
            }

            _salt = RandomNumberGenerator.GetBytes(SaltSize);
            _hash = Hash(passphrase, _salt);
            return true;
        }
    }

    /// <summary>False when not locked or the passphrase is wrong.</summary>
    public bool TryUnlock(ReadOnlySpan<byte> passphrase)
    {
        lock (_gate)
        {
            if (_hash is null || _salt is null)
            {
                return false;
            }

            var candidate = Hash(passphrase, _salt);
            if (!CryptographicOperations.FixedTimeEquals(candidate, _hash))
            {
                return false;
            }

            _hash = null;
            _salt = null;
            return true;
        }
    }

    private static byte[] Hash(ReadOnlySpan<byte> passphrase, byte[] salt) =>
        Rfc2898DeriveBytes.Pbkdf2(passphrase, salt, Iterations, HashAlgorithmName.SHA256, HashSize);
}
