using System.Diagnostics;
using System.Text;
using EicAgent.Testing;

namespace EicAgent.Agent.Tests.Hosting;

/// <summary>The real `eic agent`, built next to the tests, run as its own process.</summary>
internal sealed class EicAgentProcess : IAsyncDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);
    private readonly Process _process;
    private readonly Task<string> _stdout;
    private readonly StringBuilder _stderr = new();
    private readonly TaskCompletionSource<string> _firstLine = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private EicAgentProcess(Process process)
    {
        _process = process;
        _process.ErrorDataReceived += (_, line) =>
        {
            lock (_stderr)
            {
                _stderr.AppendLine(line.Data);
            }
        };
        _process.BeginErrorReadLine();
        _stdout = ReadStdoutAsync();
    }

    public string StandardError
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    /// <summary>The agent's pid (a launcher given to <see cref="StartUnder"/> execs it, keeping its own pid).</summary>
    public int ProcessId => _process.Id;

    public static EicAgentProcess Start(params string[] arguments) => Launch([], null, arguments);

    /// <summary>Starts the agent with <paramref name="workingDirectory"/> as its working directory (null: ours).</summary>
    public static EicAgentProcess StartIn(string? workingDirectory, params string[] arguments) => Launch([], workingDirectory, arguments);

    /// <summary>Starts `LAUNCHER... dotnet eic.dll agent ARGUMENTS...`, e.g. under setpriv.</summary>
    public static EicAgentProcess StartUnder(IReadOnlyList<string> launcher, params string[] arguments) => Launch(launcher, null, arguments);

    private static EicAgentProcess Launch(IReadOnlyList<string> launcher, string? workingDirectory, string[] arguments)
    {
        var startInfo = new ProcessStartInfo(launcher.Count > 0 ? launcher[0] : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? "",
        };
        foreach (var part in launcher.Skip(1).Concat(launcher.Count > 0 ? ["dotnet"] : []))
        {
            startInfo.ArgumentList.Add(part);
        }

        startInfo.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "eic.dll"));
        startInfo.ArgumentList.Add("agent");
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.Environment.Remove("EIC_AGENT_SOCK");
        return new EicAgentProcess(Process.Start(startInfo)!);
    }

    /// <summary>The first line on stdout (what starters wait for), within a bound.</summary>
    public Task<string> FirstLineAsync() => _firstLine.Task.WaitAsync(Bound);

    /// <summary>Sends a signal (TERM, INT) and returns the exit code and everything printed on stdout.</summary>
    public async Task<(int ExitCode, string Output)> SignalAsync(string signal)
    {
        var kill = await ProcessRunner.RunAsync("kill", "-s", signal, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(kill.ExitCode == 0, kill.ToString());
        return await ExitAsync();
    }

    public async Task<(int ExitCode, string Output)> ExitAsync()
    {
        using var bound = new CancellationTokenSource(Bound);
        await _process.WaitForExitAsync(bound.Token);
        return (_process.ExitCode, await _stdout);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private async Task<string> ReadStdoutAsync()
    {
        var all = new StringBuilder();
        while (await _process.StandardOutput.ReadLineAsync() is { } line)
        {
            _firstLine.TrySetResult(line);
            all.AppendLine(line);
        }

        _firstLine.TrySetException(new InvalidOperationException($"eic agent printed nothing and exited; stderr:\n{StandardError}"));
        return all.ToString();
    }
}
