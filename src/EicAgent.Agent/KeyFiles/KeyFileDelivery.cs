using System.Diagnostics;
using System.Runtime.Versioning;
using System.Security.Cryptography;
using EicAgent.Agent.Core;
using EicAgent.Agent.Platform;

namespace EicAgent.Agent.KeyFiles;

/// <summary>
/// Hands one key to one ssh process through a pipe at its IdentityFile path, so that ssh signs with it at once
/// ("Trying private key") instead of offering it first: the instance looks the key up once, not twice.
/// </summary>
/// <remarks>
/// The path is shared by every ssh to the same host, port and user, and each of those opens it while it loads
/// its identity files. So the agent serves each open on its own: the moment somebody opens the pipe, a fresh one
/// takes its place at the path, and the old one -- now out of everybody's reach -- gets the key only if its one
/// reader is the ssh process it is for (the kernel's /proc record, pid and start time); anybody else reads end of
/// file, which ssh takes as "no key here". The agent always holds its pipe open, so nobody blocks opening it.
/// </remarks>
[SupportedOSPlatform("linux")]
internal sealed class KeyFileDelivery : IDisposable
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan Recheck = TimeSpan.FromMilliseconds(2);
    private static readonly TimeSpan OpenSettles = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// An open that found the path just before a pipe was moved away finishes on that pipe within the same system
    /// call: while the agent still holds it (so it does not block), and before the agent counts its readers.
    /// </summary>
    private static readonly TimeSpan InFlightOpens = TimeSpan.FromMilliseconds(5);

    private readonly string _path;
    private readonly ClientBinding _reader;
    private readonly DirectoryOpenWatch _watch;
    private LinuxFifo _fifo;

    private KeyFileDelivery(string path, ClientBinding reader, DirectoryOpenWatch watch, LinuxFifo fifo)
    {
        _path = path;
        _reader = reader;
        _watch = watch;
        _fifo = fifo;
    }

    /// <summary>Puts the pipe at <paramref name="path"/> (nobody else's: the caller holds the path) for <paramref name="reader"/>.</summary>
    public static KeyFileDelivery Start(string path, ClientBinding reader)
    {
        // Watching before the pipe appears, so that no open goes unseen.
        var watch = new DirectoryOpenWatch(Path.GetDirectoryName(path)!, Path.GetFileName(path));
        try
        {
            return new KeyFileDelivery(path, reader, watch, MakeAt(path));
        }
        catch
        {
            watch.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Serves opens on a thread of its own until <paramref name="keyFile"/>'s bytes went to the reader (null), or
    /// why not: it exited, did not come within <paramref name="bound"/>, or opened at the same moment as another.
    /// </summary>
    public Task<string?> RunAsync(Func<byte[]> keyFile, TimeSpan bound, CancellationToken cancellation) =>
        Task.Factory.StartNew(() => Serve(keyFile, bound, cancellation), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    /// <summary>Takes the pipe away: whoever still holds it reads end of file.</summary>
    public void Dispose()
    {
        _watch.Dispose();
        Retire(_fifo, _path);
    }

    private string? Serve(Func<byte[]> keyFile, TimeSpan bound, CancellationToken cancellation)
    {
        var started = Stopwatch.GetTimestamp();
        long? lastOpen = null;
        try
        {
            while (true)
            {
                if (cancellation.IsCancellationRequested)
                {
                    return "the agent is stopping";
                }

                if (Stopwatch.GetElapsedTime(started) > bound)
                {
                    return $"ssh did not open it within {bound.TotalSeconds:0} s";
                }

                if (!IsAlive(_reader))
                {
                    return "ssh exited first";
                }

                // inotify reports an open before the descriptor shows in /proc: look again shortly for a while.
                if (_watch.WaitForOpen(lastOpen is null ? Tick : Recheck))
                {
                    lastOpen = Stopwatch.GetTimestamp();
                }

                if (lastOpen is { } at && Stopwatch.GetElapsedTime(at) > OpenSettles)
                {
                    lastOpen = null;
                }

                if (lastOpen is not null && FifoReaders.Of(_fifo.Identity, _path).Count > 0)
                {
                    lastOpen = null;
                    if (ServeOpen(keyFile) is { } done)
                    {
                        return done.Length == 0 ? null : done;
                    }
                }
            }
        }
        finally
        {
            Dispose();
        }
    }

    /// <summary>"" when the reader got the key, a reason when its delivery is over otherwise, null to serve on.</summary>
    private string? ServeOpen(Func<byte[]> keyFile)
    {
        var served = _fifo;
        _fifo = MakeAt(_path);
        using (served)
        {
            // Out of reach by path now: whoever holds it holds it for good.
            Thread.Sleep(InFlightOpens);
            var readers = FifoReaders.Of(served.Identity, _path);
            if (readers is [var only] && only == _reader.ProcessId && IsAlive(_reader))
            {
                var bytes = keyFile();
                try
                {
                    return served.TryWrite(bytes) ? "" : "the key file could not be written";
                }
                finally
                {
                    CryptographicOperations.ZeroMemory(bytes);
                }
            }

            return readers.Contains(_reader.ProcessId)
                ? $"process {string.Join(", ", readers.Where(pid => pid != _reader.ProcessId))} opened the key file at the same moment; neither gets the key"
                : null;
        }
    }

    private static LinuxFifo MakeAt(string path)
    {
        var next = path + KeyFileDirectory.NextSuffix;
        LinuxFifo.Unlink(next);
        var fifo = LinuxFifo.Create(next);
        try
        {
            LinuxFifo.Rename(next, path);
            return fifo;
        }
        catch
        {
            fifo.Dispose();
            LinuxFifo.Unlink(next);
            throw;
        }
    }

    private static void Retire(LinuxFifo fifo, string path)
    {
        var gone = path + KeyFileDirectory.GoneSuffix;
        try
        {
            LinuxFifo.Rename(path, gone);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // Already gone.
        }

        Thread.Sleep(InFlightOpens);
        fifo.Dispose();
        LinuxFifo.Unlink(gone);
    }

    private static bool IsAlive(ClientBinding process) => ProcessTable.Current.StartTime(process.ProcessId) == process.ProcessStartTime;
}
