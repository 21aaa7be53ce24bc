using EicAgent.Cli.Status;

namespace EicAgent.Cli.Doctor;

/// <summary>
/// What <see cref="ConnectionChecks"/> asks outside this process: the user's ssh, and the agent on a socket. eic uses
/// <see cref="ConnectionProbe.Machine"/>; tests give fakes, so each check's verdict is tested without sshd or an agent.
/// </summary>
internal interface IConnectionProbe
{
    /// <summary>Runs ssh with no input, bounded by <paramref name="timeout"/>; null when there is no ssh.</summary>
    Task<(int ExitCode, string Output, string Error)?> RunSshAsync(string[] arguments, TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>status@eicagent of the agent on <paramref name="socketPath"/>.</summary>
    /// <exception cref="AgentUnreachableException">Nobody answers, or what answers is not an eic agent.</exception>
    Task<AgentStatus> AskAgentAsync(string socketPath, CancellationToken cancellationToken);
}

/// <summary>The real ssh on PATH and the real agent.</summary>
internal sealed class ConnectionProbe : IConnectionProbe
{
    private ConnectionProbe()
    {
    }

    public static IConnectionProbe Machine { get; } = new ConnectionProbe();

    public Task<(int ExitCode, string Output, string Error)?> RunSshAsync(string[] arguments, TimeSpan timeout, CancellationToken cancellationToken) =>
        SshChecks.RunSshAsync(arguments, cancellationToken, timeout);

    public Task<AgentStatus> AskAgentAsync(string socketPath, CancellationToken cancellationToken) => AgentStatusQuery.AskAsync(socketPath, cancellationToken);
}
