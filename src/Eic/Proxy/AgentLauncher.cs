using System.Diagnostics;

namespace EicAgent.Cli.Proxy;

/// <summary>
/// Starts the agent on demand, so that the first `ssh` needs no manual step.
/// </summary>
/// <remarks>
/// The agent is started detached (its own session, no terminal, stdio on /dev/null) and says
/// `listening PATH` on stdout once its socket accepts connections: we wait for that line, not for a timer.
/// </remarks>
internal static class AgentLauncher
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    public static async Task StartAsync(string socketPath, CancellationToken cancellation)
    {
        var startInfo = SelfInvocation.StartInfo("agent", "--socket", socketPath, "--detached");
        Agent.AgentEnvironment.Scrub(startInfo);
        // Pipes of our own for all three: an inherited stderr would be ssh's, held open for the agent's whole life.
        startInfo.RedirectStandardInput = true;
        startInfo.RedirectStandardOutput = true;
        startInfo.RedirectStandardError = true;
        using var agent = Process.Start(startInfo)
            ?? throw new AgentUnavailableException($"could not start `eic agent` for {socketPath}");
        agent.StandardInput.Close();

        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        bounded.CancelAfter(StartTimeout);
        string? line;
        try
        {
            line = await agent.StandardOutput.ReadLineAsync(bounded.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            throw new AgentUnavailableException($"`eic agent` did not start listening on {socketPath} within {StartTimeout.TotalSeconds:0} s");
        }

        if (line is null || !line.StartsWith("listening ", StringComparison.Ordinal))
        {
            await agent.WaitForExitAsync(cancellation).ConfigureAwait(false);
            if (agent.ExitCode == Agent.AgentHost.AlreadyRunningExitCode)
            {
                // Another ProxyCommand started the agent first: connect to that one.
                return;
            }

            throw new AgentUnavailableException(
                $"`eic agent` exited ({agent.ExitCode}) before listening on {socketPath}; run `eic agent --socket {socketPath} --foreground` to see why");
        }
    }
}
