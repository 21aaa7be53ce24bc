namespace EicAgent.Agent.Core;

/// <summary>The knobs of the agent; the defaults suit EC2 Instance Connect (a pushed key lives 60 s).</summary>
public sealed class AgentServerOptions
{
    /// <summary>How long a sign request for a minted key waits for its push (<see cref="MintedKey.MarkReady"/>).</summary>
    public TimeSpan MintedKeyReadyTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>How often expired keys are wiped even when nobody asks; correctness never depends on it.</summary>
    public TimeSpan SweepInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The lifetime of a key added without `ssh-add -t` (as `ssh-agent -t`); null keeps it until removed.</summary>
    public TimeSpan? DefaultKeyLifetime { get; init; }

    /// <summary>The user's own agent whose keys are listed after eic's and signed with there (`eic agent --upstream`).</summary>
    public string? UpstreamSocket { get; init; }

    /// <summary>How `ssh-add -c` keys ask before each use.</summary>
    public AskpassConfirmation Confirmation { get; init; } = AskpassConfirmation.FromEnvironment();

    /// <summary>Extensions besides the built-in `session-bind@openssh.com` and `query`.</summary>
    public IReadOnlyList<IAgentExtension> Extensions { get; init; } = [];
}
