using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using System.Threading.Channels;
using EicAgent.Testing;

namespace EicAgent.Benchmarks;

/// <summary>
/// The `eic agent` on this run's private socket: started by us (warm runs) or on demand by `eic proxy` (cold runs).
/// Either way it is found by the pid `eic status` reports and stopped by that pid alone.
/// </summary>
internal sealed partial class EicAgentProcess(string eicPath, string socketPath, IReadOnlyDictionary<string, string?> environment)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);
    private Channel<OfferTimings> _offers = Channel.CreateUnbounded<OfferTimings>();
    private Process? _started;

    public string SocketPath { get; } = socketPath;

    /// <summary>Starts the agent with its log on (--foreground), which this reads for <see cref="TakeOffersAsync"/>.</summary>
    public async Task StartAsync()
    {
        var startInfo = new ProcessStartInfo(eicPath, ["agent", "--foreground", "--socket", SocketPath])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                startInfo.Environment.Remove(name);
            }
            else
            {
                startInfo.Environment[name] = value;
            }
        }

        _started?.Dispose();
        var offers = _offers = Channel.CreateUnbounded<OfferTimings>();
        _started = Process.Start(startInfo) ?? throw new InvalidOperationException("could not start eic agent");
        _started.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is not null && OfferTimings.Parse(line.Data) is { } offer)
            {
                offers.Writer.TryWrite(offer);
            }
        };
        _started.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(Bound);
        var ready = await _started.StandardOutput.ReadLineAsync(timeout.Token);
        if (ready != $"listening {SocketPath}")
        {
            throw new InvalidOperationException($"eic agent said '{ready}' instead of listening");
        }
    }

    /// <summary>
    /// The timings of the next <paramref name="count"/> minted-key offers by the agent this last started (its log
    /// is written asynchronously, so this waits for the lines, within a bound).
    /// </summary>
    public async Task<IReadOnlyList<OfferTimings>> TakeOffersAsync(int count)
    {
        using var timeout = new CancellationTokenSource(Bound);
        var offers = new List<OfferTimings>();
        while (offers.Count < count)
        {
            offers.Add(await _offers.Reader.ReadAsync(timeout.Token));
        }

        return offers;
    }

    /// <summary>The running agent's pid, or null when none answers on the socket.</summary>
    public async Task<int?> ProcessIdAsync()
    {
        var status = await ProcessRunner.RunAsync(eicPath, ["status", "--socket", SocketPath], environment, timeout: Bound);
        var match = PidPattern().Match(status.StandardOutput);
        return status.ExitCode == 0 && match.Success ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : null;
    }

    /// <summary>Kills the agent answering on the socket, if any, and waits for it to be gone.</summary>
    public async Task StopAsync()
    {
        if (await ProcessIdAsync() is not { } pid)
        {
            return;
        }

        using var agent = Process.GetProcessById(pid);
        agent.Kill();
        using var timeout = new CancellationTokenSource(Bound);
        await agent.WaitForExitAsync(timeout.Token);
        _started?.Dispose();
        _started = null;
    }

    /// <summary>VmRSS and VmHWM (peak) of the running agent, in MiB, from /proc.</summary>
    public async Task<(double Rss, double Peak)> MemoryAsync()
    {
        var pid = await ProcessIdAsync() ?? throw new InvalidOperationException("no agent runs");
        var status = await File.ReadAllLinesAsync($"/proc/{pid}/status");
        return (Kibibytes(status, "VmRSS:") / 1024.0, Kibibytes(status, "VmHWM:") / 1024.0);
    }

    private static long Kibibytes(string[] status, string field) =>
        long.Parse(status.Single(line => line.StartsWith(field, StringComparison.Ordinal))[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);

    [GeneratedRegex(@"\(pid (\d+)\)")]
    private static partial Regex PidPattern();
}
