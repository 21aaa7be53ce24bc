using System.CommandLine;
using EicAgent.Agent.Listeners;
using EicAgent.Cli.SshConfig;

namespace EicAgent.Cli.Commands;

/// <summary>`eic ssh-config`: prints the ssh_config block for this machine (what `./install` writes to ~/.ssh/eic_config).</summary>
internal static class SshConfigCommand
{
    public static Command Create()
    {
        var socket = new Option<string?>("--socket") { Description = "The agent socket to name (default: where `eic agent` listens)" };
        var eic = new Option<string?>("--eic") { Description = "The eic binary the ProxyCommand runs (default: this one)" };
        var command = new Command("ssh-config", "Print the ssh_config block that routes instance names through EicAgent")
        {
            socket,
            eic,
        };
        command.SetAction(parse =>
        {
            var eicPath = parse.GetValue(eic) ?? SelfInvocation.ExecutablePath();
            var socketPath = AgentEndpoint.ForSshConfig(AgentEndpoint.Resolve(parse.GetValue(socket)));
            Console.Out.Write(SshConfigBlock.Render(eicPath, socketPath));
            return 0;
        });
        return command;
    }
}
