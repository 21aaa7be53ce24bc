using EicAgent.Agent.Core;
using EicAgent.Agent.Listeners;
using EicAgent.Cli.Platform;
using Microsoft.Extensions.Hosting;

namespace EicAgent.Cli.Agent;

/// <summary>
/// Serves the already-listening socket while the host runs and announces `listening PATH` on stdout once it
/// does. If serving ever fails the host stops (BackgroundService's default); on stop every key is wiped.
/// </summary>
internal sealed class AgentHostedService(IAgentListener listener, AgentServer server, KeyRing keys, AgentLaunch launch)
    : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await base.StartAsync(cancellationToken);
        await Console.Out.WriteLineAsync($"listening {listener.Path}");
        await Console.Out.FlushAsync(cancellationToken);
        if (launch.Detached)
        {
            Detachment.ReleaseStandardStreams();
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await base.StopAsync(cancellationToken);
        }
        finally
        {
            keys.Dispose();
        }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => server.RunAsync(stoppingToken);
}
