using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.Versioning;
using System.Security.Cryptography;
using EicAgent.Agent.Core;
using EicAgent.Agent.Platform;

namespace EicAgent.Agent.KeyFiles;

/// <summary>
/// Serves one key file path (`key-USER@HOST:PORT`) to every ssh that is to read its minted key there, so that
/// ssh signs with it at once ("Trying private key") instead of offering it first: one key lookup, not two.
/// </summary>
/// <remarks>
/// Every ssh to the same host, port and user shares the path, and each also opens it while it loads its identity
/// files, so every open is served on its own: the moment inotify reports one, a fresh pipe takes the path, and the
/// opened one -- out of everybody's reach now -- gets a key only if its one reader is an ssh waiting for its key
/// (the kernel's /proc record, pid and start time); otherwise its readers read end of file, which ssh takes as "no
/// key here". So nobody waits on a pipe for longer than it takes to look: the agent holds each pipe open until it
/// is served (open() does not block), closes it once served (end of file), and afterwards pokes it for a while, for
/// an open() that found it by name just before it left and reached it only after it was closed.
/// </remarks>
[SupportedOSPlatform("linux")]
internal sealed class KeyFileServer
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(100);

    /// <summary>An open that found the path just before a pipe was moved away finishes on that pipe within the same system call.</summary>
    private static readonly TimeSpan InFlightOpens = TimeSpan.FromMilliseconds(5);

    /// <summary>inotify reports an open a moment before the descriptor shows in /proc: when to look (ms after the report).</summary>
    private static readonly int[] DescriptorLooks = [0, 1, 3, 7, 15, 31, 63];

    /// <summary>How long a served pipe is poked for opens that reached it late (only a descheduled open() takes more than microseconds).</summary>
    private static readonly TimeSpan LateOpens = TimeSpan.FromSeconds(10);

    private readonly object _gate = new();
    private readonly Dictionary<ClientBinding, Waiting> _waiting = [];
    private readonly List<(LinuxFifo Fifo, long Until)> _served = [];
    private readonly string _path;
    private readonly DirectoryOpenWatch _watch;
    private LinuxFifo? _fifo;

    private KeyFileServer(string path, DirectoryOpenWatch watch, LinuxFifo fifo)
    {
        _path = path;
        _watch = watch;
        _fifo = fifo;
    }

    /// <summary>Puts a pipe at <paramref name="path"/> (the caller makes sure no other server has it).</summary>
    public static KeyFileServer Start(string path)
    {
        // Watching before the pipe appears, so that no open goes unseen.
        var watch = new DirectoryOpenWatch(Path.GetDirectoryName(path)!, Path.GetFileName(path));
        try
        {
            return new KeyFileServer(path, watch, MakeAt(path));
        }
        catch
        {
            watch.Dispose();
            throw;
        }
    }

    /// <summary>
    /// <paramref name="reader"/> will open the path within <paramref name="bound"/>; <paramref name="delivered"/>
    /// completes with null once it read <paramref name="keyFile"/>'s bytes, or why not. False once this server
    /// has stopped (nobody was waiting any more): start another.
    /// </summary>
    public bool TryAdd(ClientBinding reader, Func<byte[]> keyFile, TimeSpan bound, out Task<string?> delivered)
    {
        var waiting = new Waiting(reader, keyFile, Stopwatch.GetTimestamp() + (long)(bound.TotalSeconds * Stopwatch.Frequency), bound);
        delivered = waiting.Done.Task;
        lock (_gate)
        {
            if (_fifo is null)
            {
                return false;
            }

            if (_waiting.Remove(reader, out var replaced))
            {
                replaced.Done.TrySetResult("ssh asked for its keys again");
            }

            _waiting[reader] = waiting;
            return true;
        }
    }

    /// <summary>Serves on a thread of its own until nobody waits, then pokes the served pipes until their late opens are over.</summary>
    public Task RunAsync(CancellationToken stopping) =>
        Task.Factory.StartNew(() => Run(stopping), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void Run(CancellationToken stopping)
    {
        var reason = "the agent is stopping";
        try
        {
            while (StillWaiting(stopping))
            {
                PokeServed();
                if (_watch.WaitForOpen(Tick))
                {
                    ServeOpen();
                }
            }
        }
        catch (Exception exception) when (exception is Win32Exception or IOException or UnauthorizedAccessException)
        {
            reason = exception.Message;
        }
        finally
        {
            Stop(reason);
            _watch.Dispose();
            while (PokeServed() && !stopping.IsCancellationRequested)
            {
                Thread.Sleep(Tick);
            }

            _served.ForEach(served => served.Fifo.Dispose());
        }
    }

    /// <summary>Ends the waits that are over; once nobody waits, takes the pipe away (under the lock: see <see cref="TryAdd"/>).</summary>
    private bool StillWaiting(CancellationToken stopping)
    {
        lock (_gate)
        {
            foreach (var waiting in _waiting.Values.ToArray())
            {
                var over = stopping.IsCancellationRequested ? "the agent is stopping"
                    : Stopwatch.GetTimestamp() > waiting.Deadline ? $"ssh did not open it within {waiting.Bound.TotalSeconds:0} s"
                    : !IsAlive(waiting.Reader) ? "ssh exited first"
                    : null;
                if (over is not null)
                {
                    Finish(waiting, over);
                }
            }

            if (_waiting.Count > 0)
            {
                return true;
            }

            TakeAway();
            return false;
        }
    }

    private void Stop(string reason)
    {
        lock (_gate)
        {
            foreach (var waiting in _waiting.Values.ToArray())
            {
                Finish(waiting, reason);
            }

            TakeAway();
        }
    }

    private void TakeAway()
    {
        if (_fifo is { } fifo)
        {
            _fifo = null;
            LinuxFifo.Unlink(_path);
            Retire(fifo);
        }
    }

    private void ServeOpen()
    {
        var opened = _fifo!;
        var fresh = MakeAt(_path);
        lock (_gate)
        {
            _fifo = fresh;
        }

        // Out of reach by path now: whoever holds it holds it for good.
        Thread.Sleep(InFlightOpens);
        try
        {
            var holders = WaitingHolders(opened);
            if (holders.Length == 0)
            {
                return; // Somebody else's open: end of file for them.
            }

            var readers = FifoReaders.Of(opened.Identity, _path);
            if (holders is [var only] && readers is [var reader] && reader == only.Reader.ProcessId && IsAlive(only.Reader))
            {
                Finish(only, Write(opened, only.KeyFile) ? null : "the key file could not be written");
                return;
            }

            foreach (var holder in holders)
            {
                Finish(holder, $"processes {string.Join(", ", readers.Distinct())} opened the key file at the same moment; none gets a key");
            }
        }
        finally
        {
            Retire(opened);
        }
    }

    /// <summary>The waiting ssh processes that hold <paramref name="fifo"/> open, once any shows (an open by anybody else shows none).</summary>
    private Waiting[] WaitingHolders(LinuxFifo fifo)
    {
        Waiting[] candidates;
        lock (_gate)
        {
            candidates = [.. _waiting.Values];
        }

        var started = Stopwatch.GetTimestamp();
        foreach (var look in DescriptorLooks)
        {
            if (Stopwatch.GetElapsedTime(started).TotalMilliseconds < look)
            {
                Thread.Sleep(TimeSpan.FromMilliseconds(look) - Stopwatch.GetElapsedTime(started));
            }

            var holders = candidates.Where(waiting => FifoReaders.HeldBy(waiting.Reader.ProcessId, fifo.Identity, _path)).ToArray();
            if (holders.Length > 0)
            {
                return holders;
            }
        }

        return [];
    }

    private static bool Write(LinuxFifo fifo, Func<byte[]> keyFile)
    {
        var bytes = keyFile();
        try
        {
            return fifo.TryWrite(bytes);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    private void Finish(Waiting waiting, string? failure)
    {
        lock (_gate)
        {
            if (_waiting.TryGetValue(waiting.Reader, out var current) && ReferenceEquals(current, waiting))
            {
                _waiting.Remove(waiting.Reader);
            }
        }

        waiting.Done.TrySetResult(failure);
    }

    /// <summary>Closes our end (its readers read what was written, then end of file) and keeps poking it for a while.</summary>
    private void Retire(LinuxFifo fifo)
    {
        fifo.CloseOurEnd();
        lock (_served)
        {
            _served.Add((fifo, Stopwatch.GetTimestamp() + (long)(LateOpens.TotalSeconds * Stopwatch.Frequency)));
        }
    }

    /// <summary>Pokes every served pipe (see <see cref="LinuxFifo.Poke"/>), drops those whose time is up; false when none is left.</summary>
    private bool PokeServed()
    {
        lock (_served)
        {
            var now = Stopwatch.GetTimestamp();
            foreach (var served in _served)
            {
                served.Fifo.Poke();
                if (served.Until < now)
                {
                    served.Fifo.Dispose();
                }
            }

            _served.RemoveAll(served => served.Until < now);
            return _served.Count > 0;
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

    private static bool IsAlive(ClientBinding process) => ProcessTable.Current.StartTime(process.ProcessId) == process.ProcessStartTime;

    private sealed class Waiting(ClientBinding reader, Func<byte[]> keyFile, long deadline, TimeSpan bound)
    {
        public ClientBinding Reader => reader;

        public Func<byte[]> KeyFile => keyFile;

        public long Deadline => deadline;

        public TimeSpan Bound => bound;

        public TaskCompletionSource<string?> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
