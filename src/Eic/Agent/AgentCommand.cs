using System.CommandLine;
using EicAgent.Cli.Connect;

namespace EicAgent.Cli.Agent;

/// <summary>`eic agent [--socket PATH] [--upstream SOCKET] [--push-per-connection] [--foreground]`: runs the ssh-agent until SIGTERM or Ctrl-C.</summary>
internal static class AgentCommand
{
    public static Command Create()
    {
        var socket = new Option<string?>("--socket")
        {
            HelpName = "PATH",
            Description = "Where to listen (default: $EIC_AGENT_SOCK, else $XDG_RUNTIME_DIR/eic/agent.sock, else ~/.eic/agent.sock; "
                + @"on Windows \\.\pipe\eic-agent-USER).",
        };
        var foreground = new Option<bool>("--foreground")
        {
            Description = "Log every connection and key event to the console (otherwise only warnings, on stderr).",
        };
        var detached = new Option<bool>("--detached")
        {
            Description = "Leave the terminal session and close stdio after `listening` (how the ProxyCommand starts the agent on demand).",
        };
        var upstream = new Option<string?>("--upstream")
        {
            HelpName = "SOCKET",
            Description = "Your own ssh-agent (default: $EIC_AGENT_UPSTREAM): its keys are listed after eic's and sign there; "
                + "ssh-add still adds to and removes from eic.",
        };
        var keyLifetime = new Option<uint?>("--key-lifetime")
        {
            HelpName = "SECONDS",
            Description = "Forget each key added without `ssh-add -t` after this many seconds (as `ssh-agent -t`).",
        };
        var pushPerConnection = new Option<bool>("--push-per-connection")
        {
            Description = "Push a key for every connection, once: never ride on the key pushed for the same caller, instance and user "
                + $"less than 30 s before, never push a key again (default: ${KeySharingPolicy.PushPerConnectionVariable}=1).",
        };
        var command = new Command("agent", "Run the ssh-agent that holds your keys and the per-connection keys; prints `listening PATH` when ready.")
        {
            socket,
            upstream,
            keyLifetime,
            pushPerConnection,
            foreground,
            detached,
        };
        command.SetAction((result, cancellationToken) =>
            AgentHost.RunAsync(result.GetValue(socket), new AgentLaunch(result.GetValue(foreground), result.GetValue(detached))
            {
                Upstream = result.GetValue(upstream) ?? Environment.GetEnvironmentVariable(AgentLaunch.UpstreamVariable),
                PushPerConnection = result.GetValue(pushPerConnection)
                    || KeySharingPolicy.IsOn(Environment.GetEnvironmentVariable(KeySharingPolicy.PushPerConnectionVariable)),
                KeyLifetime = result.GetValue(keyLifetime) is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
            }, cancellationToken));
        return command;
    }
}
