using System.Diagnostics;

namespace EicAgent.Cli.Demo;

/// <summary>An `eic agent --foreground` of this build whose log lines the demo shows as they come.</summary>
internal sealed class DemoAgent : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TextWriter _output;
    private readonly Lock _gate = new();

    private DemoAgent(Process process, TextWriter output)
    {
        _process = process;
        _output = output;
    }

    public static async Task<DemoAgent> StartAsync(
        string socket, IReadOnlyDictionary<string, string?> environment, TextWriter output, CancellationToken cancellation)
    {
        var startInfo = SelfInvocation.StartInfo("agent", "--socket", socket, "--foreground");
        startInfo.RedirectStandardOutput = true;
        startInfo.RedirectStandardError = true;
        environment.ApplyTo(startInfo);

        var process = Process.Start(startInfo) ?? throw new InvalidOperationException("cannot start `eic agent`");
        var agent = new DemoAgent(process, output);
        process.ErrorDataReceived += (_, line) => agent.Show(line.Data);
        process.BeginErrorReadLine();
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        bounded.CancelAfter(TimeSpan.FromSeconds(15));
        var ready = await process.StandardOutput.ReadLineAsync(bounded.Token);
        if (ready is null || !ready.StartsWith("listening ", StringComparison.Ordinal))
        {
            await agent.DisposeAsync();
            throw new InvalidOperationException("the agent did not start listening");
        }

        return agent;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private void Show(string? line)
    {
        if (string.IsNullOrWhiteSpace(line) || line.Contains("listening", StringComparison.Ordinal))
        {
            return;
        }

        lock (_gate)
        {
            _output.WriteLine($"   agent | {line}");
        }
    }
}
