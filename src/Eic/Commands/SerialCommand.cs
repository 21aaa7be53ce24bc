using System.CommandLine;
using System.Diagnostics;
using EicAgent.Agent.Listeners;
using EicAgent.Aws.Scopes;
using EicAgent.Aws.SerialConsole;
using EicAgent.Aws.Targets;
using EicAgent.Cli.Hosts;

namespace EicAgent.Cli.Commands;

/// <summary>
/// `eic serial [--port N] TARGET`: the real ssh to the instance's EC2 Serial Console, with a key minted for this
/// ssh and pushed with SendSerialConsoleSSHPublicKey. ssh owns the terminal (`~.` ends the session).
/// </summary>
internal static class SerialCommand
{
    public static Command Create()
    {
        var destination = new Argument<string>("target") { Description = "The instance: id, Name tag, DNS name or IP (optionally NAME.PROFILE.REGION.eic)" };
        var port = new Option<int>("--port") { Description = "The serial port (AWS has only 0)", DefaultValueFactory = _ => 0 };
        var socket = new Option<string?>("--socket") { Description = "The agent's socket (default: as `eic agent`)" };
        var aws = new AwsOptions();
        var command = new Command("serial", "Open an instance's EC2 Serial Console in ssh (the way in when sshd, the network or the boot is broken)")
        {
            destination, port, socket,
        };
        aws.AddTo(command);
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parse, cancellation) => aws.RunAsync(parse, "serial", async (scopes, profile, region) =>
        {
            var target = parse.GetValue(destination)!;
            var serialPort = parse.GetValue(port);
            if (serialPort is < 0 or > 99)
            {
                await Console.Error.WriteLineAsync($"eic serial: --port {serialPort} is not a serial port (AWS has only 0)");
                return 2;
            }

            string instanceId;
            try
            {
                var spec = TargetSpec.Parse(SerialHostNames.WithoutSerial(target), profile, region);
                var scope = await scopes.GetAsync(spec, AwsContext.FromEnvironment(), cancellation);
                instanceId = (await scope.Instances.ResolveAsync(spec.Target, cancellation)).InstanceId;
            }
            catch (FormatException exception)
            {
                await Console.Error.WriteLineAsync($"eic serial: {exception.Message}");
                return 255;
            }

            var startInfo = new ProcessStartInfo("ssh") { UseShellExecute = false };
            var arguments = SerialSshInvocation.Arguments(
                SelfInvocation.ExecutablePath(),
                AgentEndpoint.Resolve(parse.GetValue(socket)),
                SshInvocation.AwsFlags(profile, region),
                SerialConsoleUser.For(instanceId, serialPort),
                target,
                parse.UnmatchedTokens);
            foreach (var argument in arguments)
            {
                startInfo.ArgumentList.Add(argument);
            }

            using var ssh = Process.Start(startInfo) ?? throw new InvalidOperationException("ssh did not start");

            // ssh owns the terminal until it ends: Ctrl-C goes to the console, so this waits without the token.
            await ssh.WaitForExitAsync(CancellationToken.None);
            return ssh.ExitCode;
        }));
        return command;
    }
}
