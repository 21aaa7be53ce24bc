using System.ComponentModel;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using System.Text;

namespace EicAgent.Agent.KeyFiles;

/// <summary>inotify on a directory: tells when a file of a given name in it is opened, by anybody.</summary>
[SupportedOSPlatform("linux")]
internal sealed partial class DirectoryOpenWatch : IDisposable
{
    private const int NonBlocking = 0x800;
    private const int CloseOnExec = 0x80000;
    private const uint InOpen = 0x20;
    private const uint InQueueOverflow = 0x4000;
    private const short PollIn = 1;
    private const int EventHeaderSize = 16;

    private readonly byte[] _buffer = new byte[4096];
    private readonly byte[] _name;
    private int _fd;

    public DirectoryOpenWatch(string directory, string fileName)
    {
        _name = Encoding.UTF8.GetBytes(fileName);
        _fd = inotify_init1(NonBlocking | CloseOnExec);
        if (_fd < 0 || inotify_add_watch(_fd, directory, InOpen) < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            Dispose();
            throw new Win32Exception(errno, $"inotify {directory}: {Marshal.GetPInvokeErrorMessage(errno)}");
        }
    }

    /// <summary>Waits up to <paramref name="timeout"/>; true when the file was opened meanwhile (or events were lost).</summary>
    public bool WaitForOpen(TimeSpan timeout)
    {
        var poll = new PollDescriptor { Fd = _fd, Events = PollIn };
        if (Poll(ref poll, 1, (int)timeout.TotalMilliseconds) <= 0)
        {
            return false;
        }

        var opened = false;
        for (nint read; (read = Read(_fd, _buffer, _buffer.Length)) > 0;)
        {
            for (var at = 0; at + EventHeaderSize <= read;)
            {
                var mask = BitConverter.ToUInt32(_buffer, at + 4);
                var length = BitConverter.ToInt32(_buffer, at + 12);
                var name = _buffer.AsSpan(at + EventHeaderSize, length).TrimEnd((byte)0);
                opened |= (mask & InQueueOverflow) != 0 || name.SequenceEqual(_name);
                at += EventHeaderSize + length;
            }
        }

        return opened;
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _fd, -1) is var fd and >= 0)
        {
            _ = close(fd);
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct PollDescriptor
    {
        public int Fd;
        public short Events;
        public short Returned;
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int inotify_init1(int flags);

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int inotify_add_watch(int fd, string path, uint mask);

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    private static partial int Poll(ref PollDescriptor descriptors, ulong count, int timeoutMilliseconds);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    private static partial nint Read(int fd, [Out] byte[] buffer, nint count);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int close(int fd);
}
