using System.CommandLine;
using EicAgent.Cli.Hosts;

namespace EicAgent.Cli.Commands;

/// <summary>`eic known-hosts %H %h`: ssh's KnownHostsCommand, the instance's host keys from its console output.</summary>
internal static class KnownHostsCommand
{
    public static Command Create()
    {
        var host = new Argument<string>("host") { Description = "The name ssh checks the key for (%H): what you typed, or the HostKeyAlias" };
        var target = new Argument<string?>("target") { Description = "The instance to read keys from (%h, the HostName; default: host)", Arity = ArgumentArity.ZeroOrOne };
        var aws = new AwsOptions();
        var command = new Command("known-hosts", "Print an instance's host keys from its console as known_hosts lines (for KnownHostsCommand)") { host, target };
        aws.AddTo(command);
        command.SetAction((parse, cancellation) => aws.RunAsync(parse, "known-hosts", async (scopes, profile, region) =>
        {
            KnownHostsLookup.Answer answer;
            try
            {
                answer = await new KnownHostsLookup(scopes, HostKeyCache.ForUser())
                    .FindAsync(parse.GetValue(host)!, parse.GetValue(target), profile, region, cancellation);
            }
            catch (FormatException exception)
            {
                await Console.Error.WriteLineAsync($"eic known-hosts: {exception.Message}");
                return 1;
            }

            if (answer.Missing is not null)
            {
                await Console.Error.WriteLineAsync($"eic known-hosts: {answer.Missing}");
            }

            foreach (var line in answer.Lines)
            {
                Console.Out.WriteLine(line);
            }

            return 0;
        }));
        return command;
    }
}
