using EicAgent.Aws.Paths;
using EicAgent.Cli.Proxy;

namespace EicAgent.Connect.Tests.Fakes;

/// <summary>The proxy's machine as a test sets it up: who starts an agent, where a route leads, what the person types.</summary>
internal sealed class FakePlumbing : IProxyPlumbing
{
    public TimeSpan AgentStartTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public Func<string, Task> StartAgent { get; set; } = path => throw new AgentUnavailableException($"this test starts no agent for {path}");

    public int AgentStarts { get; private set; }

    public Func<Route, Task<ITunnel>> OpenTunnel { get; set; } = route => throw new TunnelException($"this test opens no tunnel to {route}");

    public List<Route> OpenedRoutes { get; } = [];

    public Func<string, string> MfaAnswer { get; set; } = reason => throw new MfaPromptException($"{reason}: nobody to ask");

    public List<string> MfaQuestions { get; } = [];

    public Task StartAgentAsync(string socketPath, CancellationToken cancellation)
    {
        AgentStarts++;
        return StartAgent(socketPath);
    }

    public Task<ITunnel> OpenTunnelAsync(Route route, ProxyOptions options, CancellationToken cancellation)
    {
        OpenedRoutes.Add(route);
        return OpenTunnel(route);
    }

    public Task<string> AskMfaCodeAsync(string reason, CancellationToken cancellation)
    {
        MfaQuestions.Add(reason);
        return Task.FromResult(MfaAnswer(reason));
    }

    public ISshHangUp WatchSshHangUp() => new NeverHangsUp();

    private sealed class NeverHangsUp : ISshHangUp
    {
        public CancellationToken Token => CancellationToken.None;

        public void Dispose()
        {
        }
    }
}
