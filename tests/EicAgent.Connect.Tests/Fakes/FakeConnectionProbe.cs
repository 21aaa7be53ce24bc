using EicAgent.Cli.Doctor;
using EicAgent.Cli.Status;

namespace EicAgent.Connect.Tests.Fakes;

/// <summary>ssh and the agent as a test scripts them; records what ssh was asked to do.</summary>
internal sealed class FakeConnectionProbe : IConnectionProbe
{
    /// <summary>What ssh answers (null: there is no ssh); the real ssh on PATH when not set.</summary>
    public Func<string[], (int ExitCode, string Output, string Error)?>? Ssh { get; init; }

    /// <summary>What the agent answers; throws <see cref="AgentUnreachableException"/> when not set.</summary>
    public AgentStatus? Agent { get; init; }

    public List<(string[] Arguments, TimeSpan Timeout)> SshRuns { get; } = [];

    public List<string> AgentsAsked { get; } = [];

    public Task<(int ExitCode, string Output, string Error)?> RunSshAsync(string[] arguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        SshRuns.Add((arguments, timeout));
        return Ssh is null ? ConnectionProbe.Machine.RunSshAsync(arguments, timeout, cancellationToken) : Task.FromResult(Ssh(arguments));
    }

    public Task<AgentStatus> AskAgentAsync(string socketPath, CancellationToken cancellationToken)
    {
        AgentsAsked.Add(socketPath);
        return Agent is { } status
            ? Task.FromResult(status)
            : Task.FromException<AgentStatus>(new AgentUnreachableException($"no eic agent answers on {socketPath} (no socket there)", new IOException("no socket")));
    }
}
