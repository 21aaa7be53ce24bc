using System.Runtime.InteropServices;

namespace EicAgent.Agent.Platform;

/// <summary>
/// Native memory that the kernel keeps out of swap (mlock / VirtualLock) and, on Linux, out of core dumps
/// (MADV_DONTDUMP): the place for private key bytes between their uses. Locking is best effort, as in libsodium's
/// sodium_malloc: when the locked-memory limit (RLIMIT_MEMLOCK) is reached the bytes are still held and wiped, only
/// not pinned in RAM, and <see cref="IsLocked"/> says so. Disposal wipes the bytes before the memory is returned.
/// </summary>
internal sealed unsafe class LockedMemory : IDisposable
{
    private readonly void* _start;
    private readonly nuint _size;
    private bool _disposed;

    public LockedMemory(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        var page = (nuint)Environment.SystemPageSize;
        _size = ((nuint)length + page - 1) / page * page;
        _start = NativeMemory.AlignedAlloc(_size, page);
        NativeMemory.Clear(_start, _size);
        Length = length;
        IsLocked = MemoryLocking.Lock(_start, _size);
    }

    public int Length { get; }

    public bool IsLocked { get; }

    public Span<byte> Span
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return new Span<byte>(_start, Length);
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        // Through a span: CryptographicOperations.ZeroMemory is never optimised away.
        System.Security.Cryptography.CryptographicOperations.ZeroMemory(new Span<byte>(_start, (int)_size));
        if (IsLocked)
        {
            MemoryLocking.Unlock(_start, _size);
        }

        NativeMemory.AlignedFree(_start);
    }
}
