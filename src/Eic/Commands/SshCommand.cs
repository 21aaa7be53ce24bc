using System.CommandLine;
using System.Diagnostics;
using EicAgent.Agent.Listeners;
using EicAgent.Cli.Hosts;
using EicAgent.Cli.Untrusted;

namespace EicAgent.Cli.Commands;

/// <summary>`eic ssh [user@]TARGET [ssh args...]`: the real ssh, set up for EicAgent without touching ssh_config.</summary>
internal static class SshCommand
{
    public static Command Create()
    {
        var destination = new Argument<string>("destination") { Description = "[user@]TARGET: instance id, Name tag, DNS name or IP (optionally NAME.PROFILE.REGION.eic)" };
        var socket = new Option<string?>("--socket") { Description = "The agent's socket (default: as `eic agent`)" };
        var aws = new AwsOptions();
        var command = new Command("ssh", "Run ssh to an instance with eic's settings and the image's default user; ssh's options and command follow the target")
        {
            destination, socket,
        };
        aws.AddTo(command);
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parse, cancellation) => aws.RunAsync(parse, "ssh", async (scopes, profile, region) =>
        {
            var (user, target) = SshInvocation.SplitDestination(parse.GetValue(destination)!);
            var sshArguments = parse.UnmatchedTokens.ToList();
            if (user is null && !SshInvocation.NamesUser(sshArguments))
            {
                try
                {
                    user = (await DefaultUserLookup.FindAsync(scopes, target, profile, region, cancellation)).User;
                }
                catch (FormatException exception)
                {
                    await Console.Error.WriteLineAsync($"eic ssh: {exception.Message}");
                    return 255;
                }
            }

            var startInfo = new ProcessStartInfo("ssh") { UseShellExecute = false };
            var socketPath = AgentEndpoint.Resolve(parse.GetValue(socket));
            IReadOnlyList<string> arguments;
            try
            {
                arguments = SshInvocation.Arguments(SelfInvocation.ExecutablePath(), socketPath, SshInvocation.AwsFlags(profile, region), user, target, sshArguments);
            }
            catch (UnsafePathException exception)
            {
                await Console.Error.WriteLineAsync($"eic ssh: {exception.Message}");
                return 255;
            }

            foreach (var argument in arguments)
            {
                startInfo.ArgumentList.Add(argument);
            }

            using var ssh = Process.Start(startInfo) ?? throw new InvalidOperationException("ssh did not start");

            // ssh owns the terminal until it ends: Ctrl-C is its to handle, so this waits without the token.
            await ssh.WaitForExitAsync(CancellationToken.None);
            return ssh.ExitCode;
        }));
        return command;
    }
}
