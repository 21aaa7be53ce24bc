using System.Diagnostics;

namespace EicAgent.Simulator.Sshd;

/// <summary>
/// One running `/usr/sbin/sshd -D -e -f CONFIG`. Its stderr (the log, children's included) goes to the instance's
/// <see cref="SshdLog"/>; it counts as started once it logged "Server listening on" for every ListenAddress.
/// </summary>
internal sealed class SshdProcess : IAsyncDisposable
{
    public const string Executable = "/usr/sbin/sshd";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);

    private readonly Process _process;
    private readonly Task _logPump;
    private MountNamespace? _machine;

    private SshdProcess(Process process, Task logPump)
    {
        _process = process;
        _logPump = logPump;
    }

    public int ProcessId => _process.Id;

    /// <summary>Starts `sshd -D -e -f CONFIG`, or <paramref name="command"/> (which must exec such an sshd) when given.</summary>
    public static async Task<SshdProcess> StartAsync(
        string configPath, SshdLog log, int listenAddresses, (string FileName, IReadOnlyList<string> Arguments)? command, CancellationToken cancellationToken)
    {
        var (fileName, arguments) = command ?? (Executable, ["-D", "-e", "-f", configPath]);
        var startInfo = new ProcessStartInfo(fileName, arguments)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = ExternalCommand.Start(startInfo);
        process.StandardInput.Close();
        var mark = log.LineCount;
        var sshd = new SshdProcess(process, Task.WhenAll(Pump(process.StandardError, log), Drain(process.StandardOutput)));
        try
        {
            await sshd.WaitUntilListeningAsync(log, mark, listenAddresses, cancellationToken);
            // Listening, so sshd is running inside the namespaces its command made (unshare execs in place).
            sshd._machine = MountNamespace.HoldOwnOf(process.Id);
            return sshd;
        }
        catch
        {
            await sshd.DisposeAsync();
            throw;
        }
    }

    /// <summary>Kills sshd with every connection it forked, so nothing is left listening or logged in.</summary>
    public async ValueTask DisposeAsync()
    {
        // Once sshd has exited, its pid may be another process's: walk the tree only while it is still ours.
        var sessions = _process.HasExited ? [] : ProcessTree.Descendants(_process.Id);
        var started = sessions.ToDictionary(pid => pid, ProcessTree.StartTime);
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }

        // A session's own process (setsid, inside the instance's namespaces) can escape the tree walk once its sshd
        // parent is gone: kill each one seen above by pid, if it is still the same process (same start time).
        foreach (var pid in sessions.Where(pid => IsStill(pid, started[pid])))
        {
            KillQuietly(pid);
        }

        // An instance that is its own machine has a mount namespace of its own: nothing may stay in it.
        if (_machine is not null)
        {
            foreach (var pid in _machine.Members())
            {
                started.TryAdd(pid, ProcessTree.StartTime(pid));
                KillQuietly(pid);
            }
        }

        using var bound = new CancellationTokenSource(StopTimeout);
        await _process.WaitForExitAsync(bound.Token);
        await WaitUntilGoneAsync(started, bound.Token);
        _machine?.Dispose();
        await _logPump.WaitAsync(StopTimeout);
        _process.Dispose();
    }

    private static void KillQuietly(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            process.Kill();
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Gone meanwhile.
        }
    }

    // Killed descendants are not our children: nothing signals their end, so look until they are gone (bounded).
    private static async Task WaitUntilGoneAsync(IReadOnlyDictionary<int, long?> started, CancellationToken cancellationToken)
    {
        while (started.Any(process => IsStill(process.Key, process.Value)))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(10), cancellationToken);
        }
    }

    // The process seen before (same pid and start time) still runs: neither gone, a zombie, nor replaced by a new one.
    private static bool IsStill(int pid, long? startTime) => !ProcessTree.IsGone(pid) && ProcessTree.StartTime(pid) == startTime;

    private async Task WaitUntilListeningAsync(SshdLog log, int mark, int listenAddresses, CancellationToken cancellationToken)
    {
        var listening = log.WaitForLinesAsync(
            line => line.StartsWith("Server listening on", StringComparison.Ordinal), mark, listenAddresses, StartTimeout);
        var exited = _process.WaitForExitAsync(cancellationToken);
        if (await Task.WhenAny(listening, exited) == exited)
        {
            await exited;
            await _logPump.WaitAsync(StopTimeout, cancellationToken);
            var said = log.LinesAfter(mark).LastOrDefault(line => line.Length > 0) ?? "(nothing logged)";
            throw new InvalidOperationException($"sshd exited with status {_process.ExitCode} before it listened: {said}");
        }

        await listening;
    }

    private static async Task Pump(StreamReader reader, SshdLog log)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            log.Append(line);
        }
    }

    private static async Task Drain(StreamReader reader)
    {
        var buffer = new char[4096];
        while (await reader.ReadAsync(buffer) > 0)
        {
        }
    }
}
