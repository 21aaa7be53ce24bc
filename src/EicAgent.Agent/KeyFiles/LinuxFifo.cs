using System.ComponentModel;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace EicAgent.Agent.KeyFiles;

/// <summary>
/// A named pipe (FIFO) the agent holds open for reading and writing, so that whoever opens it never blocks in
/// open(), only in read() until the agent writes or closes its end -- which the kernel also does if the agent dies.
/// Its data lives in a kernel pipe buffer, never in the file system. The agent also keeps a handle that is neither
/// reader nor writer (O_PATH), to reach the pipe after it left the directory: see <see cref="Poke"/>.
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed partial class LinuxFifo : IDisposable
{
    private const int ReadWrite = 2;
    private const int NonBlocking = 0x800;
    private const int CloseOnExec = 0x80000;
    private const int WriteOnly = 1;
    private const int PathOnly = 0x200000;

    private int _fd;
    private int _handle;

    private LinuxFifo(int fd, int handle, FileIdentity identity)
    {
        _fd = fd;
        _handle = handle;
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
        var handle = fd < 0 ? -1 : open(path, PathOnly | CloseOnExec);
        if (handle < 0 || FileIdentity.Of(path) is not { } identity)
        {
            var failure = Failure($"open {path}");
            _ = fd >= 0 ? close(fd) : 0;
            _ = handle >= 0 ? close(handle) : 0;
            _ = unlink(path);
            throw failure;
        }

        return new LinuxFifo(fd, handle, identity);
    }

    /// <summary>Writes all of <paramref name="bytes"/> (far below the 4 KiB a pipe takes in one piece).</summary>
    public bool TryWrite(byte[] bytes) => Write(_fd, bytes, bytes.Length) == bytes.Length;

    /// <summary>Closes our reading and writing end: once no writer is left, readers see end of file.</summary>
    public void CloseOurEnd()
    {
        if (Interlocked.Exchange(ref _fd, -1) is var fd and >= 0)
        {
            _ = close(fd);
        }
    }

    /// <summary>
    /// After <see cref="CloseOurEnd"/>: an open() that found the pipe by its name before it left the directory but
    /// reached the pipe only after we closed our end would wait there for a writer for good. Opening the write end
    /// for a moment (through our O_PATH handle; nothing happens when nobody reads) lets it go on to end of file.
    /// True when somebody was there.
    /// </summary>
    public bool Poke()
    {
        if (Volatile.Read(ref _handle) is not (var handle and >= 0))
        {
            return false;
        }

        var writer = open($"/proc/self/fd/{handle}", WriteOnly | NonBlocking | CloseOnExec);
        if (writer < 0)
        {
            return false; // ENXIO: no reader.
        }

        _ = close(writer);
        return true;
    }

    public void Dispose()
    {
        CloseOurEnd();
        if (Interlocked.Exchange(ref _handle, -1) is var handle and >= 0)
        {
            _ = close(handle);
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
