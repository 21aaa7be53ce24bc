namespace EicAgent.Cli.Agent;

/// <summary>How `eic agent` was started: by hand or a service manager, or on demand by a ProxyCommand (detached).</summary>
internal sealed record AgentLaunch(bool Foreground, bool Detached);
