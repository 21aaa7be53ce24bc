using EicAgent.Agent.Core;
using EicAgent.Agent.Listeners;
using EicAgent.Cli.Platform;
using Microsoft.Extensions.Hosting;

namespace EicAgent.Cli.Agent;

/// <summary>
/// Serves the already-listening socket while the host runs and announces `listening PATH` on stdout once it
/// does; on stop it waits for the connections to end and wipes every key.
/// </summary>
internal sealed class AgentHostedService(IAgentListener listener, AgentServer server, KeyRing keys, AgentLaunch launch)
    : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Task? _serving;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _serving = server.RunAsync(_stopping.Token);
        await Console.Out.WriteLineAsync($"listening {listener.Path}");
        await Console.Out.FlushAsync(cancellationToken);
        if (launch.Detached)
        {
            Detachment.ReleaseStandardStreams();
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        try
        {
            if (_serving is not null)
            {
                await _serving.WaitAsync(cancellationToken);
            }
        }
        finally
        {
            keys.Dispose();
        }
    }

    public void Dispose() => _stopping.Dispose();
}
