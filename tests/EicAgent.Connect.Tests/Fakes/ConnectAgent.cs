using EicAgent.Agent.Core;
using EicAgent.Agent.Listeners;
using EicAgent.Cli.Audit;
using EicAgent.Cli.Connect;
using EicAgent.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace EicAgent.Connect.Tests.Fakes;

/// <summary>Our agent in process on a private socket, serving connect, push status, key use (and any <c>more</c> extensions) with <see cref="FakeScopes"/>.</summary>
internal sealed class ConnectAgent : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly IAgentListener _listener;
    private readonly KeyRing _keys = new(TimeProvider.System, NullLogger<KeyRing>.Instance);
    private readonly Task _running;

    public ConnectAgent(FakeScopes scopes, string socketPath, string auditPath, params IAgentExtension[] more)
    {
        var pushes = new ConnectionPushes();
        var audit = new AuditLog(auditPath, TimeProvider.System, NullLogger<AuditLog>.Instance);
        var sharing = new PushSharing(_keys, new MintLimits(), KeySharingPolicy.Shared, NullLogger<PushSharing>.Instance);
        var connect = new ConnectExtension(_keys, new TestProcessAsSsh(), scopes, pushes, sharing, HostKeyPublishers.None(), audit, NullLogger<ConnectExtension>.Instance);
        _listener = AgentListenerFactory.Start(socketPath, NullLogger.Instance);
        var options = new AgentServerOptions { Extensions = [connect, new PushStatusExtension(pushes), new KeyUseExtension(pushes), .. more] };
        _running = new AgentServer(_listener, _keys, options, NullLogger<AgentServer>.Instance).RunAsync(_stop.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _running.WaitAsync(TimeSpan.FromSeconds(30));
        await _listener.DisposeAsync();
        _keys.Dispose();
        _stop.Dispose();
    }
}
