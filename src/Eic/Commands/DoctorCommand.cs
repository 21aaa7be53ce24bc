using System.CommandLine;
using EicAgent.Aws.Paths;
using EicAgent.Cli.Doctor;

namespace EicAgent.Cli.Commands;

/// <summary>`eic doctor [[USER@]TARGET]`: one line per link, a fix under each failure; exit 0 only when all pass.</summary>
internal static class DoctorCommand
{
    public static Command Create()
    {
        var target = new Argument<string?>("target") { Description = "An instance to check: id, NAME.eic, USER@NAME.eic, ...", Arity = ArgumentArity.ZeroOrOne };
        var profile = new Option<string?>("--profile") { Description = "The AWS profile (default: the environment's)" };
        var region = new Option<string?>("--region") { Description = "The AWS region (default: the profile's or the environment's)" };
        var socket = new Option<string?>("--socket") { Description = "The agent's socket (default: as `eic agent`)" };
        var sshConfig = new Option<string?>("--ssh-config") { Description = "Check this ssh config file instead of ~/.ssh/config" };
        var serial = new Option<bool>("--serial") { Description = "Check the instance's EC2 Serial Console path instead (access, instance type, push, endpoint)" };
        var via = new Option<string?>("--via") { Description = "ssm: check the Session Manager path (default: the path ssh's ProxyCommand takes)" };
        via.AcceptOnlyFromAmong("ssm");
        var command = new Command("doctor", "Check every link from ssh to an instance and say how to fix what is broken")
        {
            target, profile, region, socket, sshConfig, serial, via,
        };
        command.SetAction(async (parse, cancellation) =>
        {
            var options = new DoctorOptions(
                parse.GetValue(target), parse.GetValue(profile), parse.GetValue(region), parse.GetValue(socket), parse.GetValue(sshConfig))
            {
                Serial = parse.GetValue(serial),
                Via = parse.GetValue(via) is null ? null : NetworkPath.Ssm,
            };
            var report = new DoctorReport(Console.Out, terminal: !Console.IsOutputRedirected);
            return await DoctorRun.RunAsync(options, report, cancellation) ? 0 : 1;
        });
        return command;
    }
}
