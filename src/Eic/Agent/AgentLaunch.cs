namespace EicAgent.Cli.Agent;

/// <summary>How `eic agent` was started: by hand or a service manager, or on demand by a ProxyCommand (detached).</summary>
internal sealed record AgentLaunch(bool Foreground, bool Detached)
{
    /// <summary>Where `--upstream` defaults from, so an agent started on demand finds the user's agent too.</summary>
    public const string UpstreamVariable = "EIC_AGENT_UPSTREAM";

    /// <summary>The user's own agent to pass their keys' requests to, if any.</summary>
    public string? Upstream { get; init; }

    /// <summary>Every connection pushes a key of its own instead of riding on one pushed for the same caller, instance and user.</summary>
    public bool PushPerConnection { get; init; }

    /// <summary>The lifetime of keys added without one (`--key-lifetime`).</summary>
    public TimeSpan? KeyLifetime { get; init; }
}
