using System.CommandLine;
using EicAgent.Agent.Listeners;
using EicAgent.Cli.SshConfig;
using EicAgent.Cli.Untrusted;

namespace EicAgent.Cli.Commands;

/// <summary>`eic ssh-config`: prints the ssh_config block for this machine (what `./install` writes to ~/.ssh/eic_config).</summary>
internal static class SshConfigCommand
{
    public static Command Create()
    {
        var socket = new Option<string?>("--socket") { Description = "The agent socket to name (default: where `eic agent` listens)" };
        var eic = new Option<string?>("--eic") { Description = "The eic binary the ProxyCommand runs (default: this one)" };
        var multiplex = new Option<bool>("--multiplex")
        {
            Description = "Add ControlMaster lines: sessions to an instance ride its first connection, with no new key (not on Windows)",
        };
        var command = new Command("ssh-config", "Print the ssh_config block that routes instance names through EicAgent")
        {
            socket,
            eic,
            multiplex,
        };
        command.SetAction(parse =>
        {
            var eicPath = parse.GetValue(eic) ?? SelfInvocation.ExecutablePath();
            var socketPath = AgentEndpoint.ForSshConfig(AgentEndpoint.Resolve(parse.GetValue(socket)));
            try
            {
                Console.Out.Write(SshConfigBlock.Render(eicPath, socketPath, parse.GetValue(multiplex)));
                return 0;
            }
            catch (Exception exception) when (exception is PlatformNotSupportedException or UnsafePathException)
            {
                Console.Error.WriteLine($"eic ssh-config: {exception.Message}");
                return 2;
            }
        });
        return command;
    }
}
