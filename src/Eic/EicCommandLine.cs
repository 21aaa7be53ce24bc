using System.CommandLine;

namespace EicAgent.Cli;

/// <summary>The composition root of the command line: every `eic` command is registered here.</summary>
internal static class EicCommandLine
{
    public static RootCommand Build()
    {
        var root = new RootCommand("EicAgent: ssh to EC2 instances with keys that live for one connection.");
        root.Subcommands.Add(Agent.AgentCommand.Create());
        root.Subcommands.Add(Commands.ProxyCommand.Create());
        root.Subcommands.Add(Commands.SshConfigCommand.Create());
        root.Subcommands.Add(Commands.StatusCommand.Create());
        root.Subcommands.Add(Commands.LogCommand.Create());
        root.Subcommands.Add(Commands.DoctorCommand.Create());
        root.Subcommands.Add(Commands.LsCommand.Create());
        root.Subcommands.Add(Commands.ConfigCommand.Create());
        root.Subcommands.Add(Commands.KnownHostsCommand.Create());
        root.Subcommands.Add(Commands.SshCommand.Create());
        root.Subcommands.Add(Commands.SerialCommand.Create());
        root.Subcommands.Add(Commands.SerialKnownHostsCommand.Create());
        root.Subcommands.Add(Sim.SimCommand.Create());
        root.Subcommands.Add(Demo.DemoCommand.Create());
        CommandListHelpAction.Install(root);
        return root;
    }
}
