using EicAgent.Agent.Client;
using EicAgent.Agent.Core;
using EicAgent.Agent.Listeners;
using EicAgent.Testing;
using Microsoft.Extensions.Time.Testing;

namespace EicAgent.Agent.Tests.Support;

/// <summary>
/// Our agent, in process, on a socket in a private temporary directory, with a clock the test moves. The
/// real OpenSSH tools reach it through SSH_AUTH_SOCK.
/// </summary>
public sealed class TestAgent : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly IAgentListener _listener;
    private readonly Task _running;

    private TestAgent(TemporaryDirectory directory, TimeProvider time, AgentServerOptions options)
    {
        Directory = directory;
        Time = time;
        SocketPath = directory.Combine("agent", "agent.sock");
        Keys = new KeyRing(time, Log.For<KeyRing>());
        _listener = AgentListenerFactory.Start(SocketPath, Log.For<AgentServer>());
        Server = new AgentServer(_listener, Keys, options, Log.For<AgentServer>());
        _running = Server.RunAsync(_stop.Token);
    }

    public TemporaryDirectory Directory { get; }

    public TimeProvider Time { get; }

    /// <summary>The clock, when the agent was started with the default fake one.</summary>
    public FakeTimeProvider Clock => (FakeTimeProvider)Time;

    public string SocketPath { get; }

    public KeyRing Keys { get; }

    public AgentServer Server { get; }

    public TestLog Log { get; } = new();

    public IReadOnlyDictionary<string, string?> Environment => new Dictionary<string, string?>
    {
        ["SSH_AUTH_SOCK"] = SocketPath,
        ["SSH_ASKPASS"] = null,
        ["DISPLAY"] = null,
    };

    public static TestAgent Start(AgentServerOptions? options = null, TimeProvider? time = null) =>
        new(new TemporaryDirectory("eic-agent-"), time ?? new FakeTimeProvider(DateTimeOffset.UtcNow), options ?? new AgentServerOptions());

    /// <summary>Runs `ssh-add ARGS` against this agent.</summary>
    public Task<ProcessResult> SshAddAsync(params string[] arguments) =>
        ProcessRunner.RunAsync("ssh-add", arguments, Environment, timeout: TimeSpan.FromSeconds(20));

    public Task<AgentClient> ConnectAsync() => AgentClient.ConnectAsync(SocketPath, CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _running.WaitAsync(TimeSpan.FromSeconds(10));
        await _listener.DisposeAsync();
        Keys.Dispose();
        _stop.Dispose();
        Directory.Dispose();
    }
}
