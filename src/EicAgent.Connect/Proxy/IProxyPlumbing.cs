using EicAgent.Aws.Paths;

namespace EicAgent.Cli.Proxy;

/// <summary>
/// What the proxy needs of the machine that only the executable has: an agent process to start, the tunnel a route
/// names, the person at ssh's terminal, ssh's hang-up. <see cref="ProxyClient"/>'s decisions are tested with a fake.
/// </summary>
internal interface IProxyPlumbing
{
    /// <summary>How long a started agent may take to listen (a busy machine gets a slower first login, not a failure).</summary>
    TimeSpan AgentStartTimeout { get; }

    /// <summary>Starts `eic agent` on <paramref name="socketPath"/>; returns once it listens, or once another proxy's agent won the path.</summary>
    /// <exception cref="AgentUnavailableException">It could not be started or did not listen in time.</exception>
    Task StartAgentAsync(string socketPath, CancellationToken cancellation);

    /// <exception cref="TunnelException">The path to the instance could not be opened.</exception>
    Task<ITunnel> OpenTunnelAsync(Route route, ProxyOptions options, CancellationToken cancellation);

    /// <summary>Asks the person at ssh's terminal (or SSH_ASKPASS) for an MFA code.</summary>
    /// <exception cref="MfaPromptException">Nobody can be asked, no answer in time, or an empty answer.</exception>
    Task<string> AskMfaCodeAsync(string reason, CancellationToken cancellation);

    /// <summary>Watches for ssh hanging up on its ProxyCommand (SIGHUP) until disposed.</summary>
    ISshHangUp WatchSshHangUp();
}

/// <summary>A watch for ssh's hang-up: <see cref="Token"/> is cancelled when ssh has gone.</summary>
internal interface ISshHangUp : IDisposable
{
    CancellationToken Token { get; }
}
