using System.ComponentModel;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace EicAgent.Agent.KeyFiles;

/// <summary>
/// A named pipe (FIFO) the agent holds open for reading and writing, so that whoever opens it never blocks in
/// open(), only in read() until the agent writes or closes its end -- which the kernel also does if the agent dies.
/// Its data lives in a kernel pipe buffer, never in the file system.
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed partial class LinuxFifo : IDisposable
{
    private const int ReadWrite = 2;
    private const int NonBlocking = 0x800;
    private const int CloseOnExec = 0x80000;

    private int _fd;

    private LinuxFifo(int fd, FileIdentity identity)
    {
        _fd = fd;
        Identity = identity;
    }

    /// <summary>The inode, to recognise other processes' descriptors of this very pipe.</summary>
    public FileIdentity Identity { get; }

    /// <summary>Makes a FIFO (mode 0600) at <paramref name="path"/>, which must not exist, and opens it.</summary>
    public static LinuxFifo Create(string path)
    {
        if (mkfifo(path, Convert.ToUInt32("600", 8)) != 0)
        {
            throw Failure($"mkfifo {path}");
        }

        var fd = open(path, ReadWrite | NonBlocking | CloseOnExec);
        if (fd < 0 || FileIdentity.Of(path) is not { } identity)
        {
            var failure = Failure($"open {path}");
            _ = fd >= 0 ? close(fd) : 0;
            _ = unlink(path);
            throw failure;
        }

        return new LinuxFifo(fd, identity);
    }

    /// <summary>Writes all of <paramref name="bytes"/> (far below the 4 KiB a pipe takes in one piece).</summary>
    public bool TryWrite(byte[] bytes) => Write(_fd, bytes, bytes.Length) == bytes.Length;

    /// <summary>Closes our end: once no writer is left, readers see end of file.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _fd, -1) is var fd and >= 0)
        {
            _ = close(fd);
        }
    }

    /// <summary>
    /// Removes a FIFO nobody serves (left by an agent that was killed): moved away first, so nobody opens it again,
    /// then opened for reading and writing for a moment, so that every ssh blocked in open() on it goes on and
    /// reads end of file when we close. Never blocks.
    /// </summary>
    public static void Release(string path, string asideName)
    {
        if (rename(path, asideName) != 0)
        {
            return;
        }

        var fd = open(asideName, ReadWrite | NonBlocking | CloseOnExec);
        _ = unlink(asideName);
        if (fd >= 0)
        {
            _ = close(fd);
        }
    }

    /// <summary>Atomically puts <paramref name="from"/> at <paramref name="to"/>, replacing what was there.</summary>
    public static void Rename(string from, string to)
    {
        if (rename(from, to) != 0)
        {
            throw Failure($"rename {from}");
        }
    }

    public static bool Unlink(string path) => unlink(path) == 0;

    private static Win32Exception Failure(string what)
    {
        var errno = Marshal.GetLastPInvokeError();
        return new Win32Exception(errno, $"{what}: {Marshal.GetPInvokeErrorMessage(errno)}");
    }

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int mkfifo(string path, uint mode);

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int open(string path, int flags);

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int unlink(string path);

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int rename(string from, string to);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int close(int fd);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    private static partial nint Write(int fd, byte[] bytes, nint count);
}
