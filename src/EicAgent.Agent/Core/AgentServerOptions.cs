namespace EicAgent.Agent.Core;

/// <summary>The knobs of the agent; the defaults suit EC2 Instance Connect (a pushed key lives 60 s).</summary>
public sealed class AgentServerOptions
{
    /// <summary>How long a sign request for a minted key waits for its push (<see cref="MintedKey.MarkReady"/>).</summary>
    public TimeSpan MintedKeyReadyTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>How often expired keys are wiped even when nobody asks; correctness never depends on it.</summary>
    public TimeSpan SweepInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a request may take to arrive once its first byte has: a client that announces a frame and stalls
    /// is closed after this. Idle time between frames is not limited.
    /// </summary>
    public TimeSpan FrameTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Connections served at once; more are closed as they arrive. Every live ssh session through eic holds one (its
    /// ProxyCommand's, for the session's life) and ssh opens one more while it authenticates, so 1,024 leaves room
    /// for several hundred sessions at once while bounding what a flood can hold: an idle connection costs a few
    /// KiB, a stalled frame at most what was really sent, and only until <see cref="FrameTimeout"/>.
    /// </summary>
    public int MaxConnections { get; init; } = 1024;

    /// <summary>
    /// Connections one process may hold at once, so that one runaway or hostile process cannot take all of
    /// <see cref="MaxConnections"/> and lock out ssh-add and ssh. An ssh process needs one, plus one per
    /// forwarded-agent request in flight; a quarter of the total leaves room for a busy tool that talks to the
    /// agent from many threads.
    /// </summary>
    public int MaxConnectionsPerProcess { get; init; } = 256;

    /// <summary>The lifetime of a key added without `ssh-add -t` (as `ssh-agent -t`); null keeps it until removed.</summary>
    public TimeSpan? DefaultKeyLifetime { get; init; }

    /// <summary>The user's own agent whose keys are listed after eic's and signed with there (`eic agent --upstream`).</summary>
    public string? UpstreamSocket { get; init; }

    /// <summary>How `ssh-add -c` keys ask before each use.</summary>
    public AskpassConfirmation Confirmation { get; init; } = AskpassConfirmation.FromEnvironment();

    /// <summary>How a minted key may reach its ssh without an offer (Linux: a key file); null: always by offer.</summary>
    public IMintedKeyHandover? Handover { get; init; }

    /// <summary>Extensions besides the built-in `session-bind@openssh.com` and `query`.</summary>
    public IReadOnlyList<IAgentExtension> Extensions { get; init; } = [];
}
