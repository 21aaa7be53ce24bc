using System.CommandLine;
using EicAgent.Agent.Listeners;
using EicAgent.Aws.Scopes;
using EicAgent.Cli.Connect;
using EicAgent.Cli.HostKeys;
using EicAgent.Cli.Hosts;
using EicAgent.Cli.Untrusted;

namespace EicAgent.Cli.Commands;

/// <summary>`eic known-hosts %H %h`: ssh's KnownHostsCommand, the instance's host keys from its console output.</summary>
internal static class KnownHostsCommand
{
    public static Command Create()
    {
        var host = new Argument<string>("host") { Description = "The name ssh checks the key for (%H): what you typed, or the HostKeyAlias" };
        var target = new Argument<string?>("target") { Description = "The instance to read keys from (%h, the HostName; default: host)", Arity = ArgumentArity.ZeroOrOne };
        var socket = new Option<string?>("--socket") { Description = "The agent to ask first (default: as `eic agent`); without one, eic asks AWS itself" };
        var aws = new AwsOptions();
        var command = new Command("known-hosts", "Print an instance's host keys from its console as known_hosts lines (for KnownHostsCommand)")
        {
            host, target, socket,
        };
        aws.AddTo(command);
        command.SetAction((parse, cancellation) => aws.RunAsync(parse, "known-hosts", async (scopes, profile, region) =>
        {
            var query = new KnownHostsQuery(parse.GetValue(host)!, parse.GetValue(target), profile, region) { Context = AwsContext.FromEnvironment() };
            KnownHostsLookup.Answer answer;
            try
            {
                // The running agent's answer; when no agent answers, this process asks AWS itself.
                answer = await OptionalAgentQuery.AskAsync(
                        AgentEndpoint.Resolve(parse.GetValue(socket)), KnownHostsQuery.ExtensionName, query.Write(), KnownHostsQuery.ReadReply, cancellation)
                    ?? await new KnownHostsLookup(scopes, new InstanceHostKeys(HostKeyCache.ForUser()))
                        .FindAsync(query.KnownHostsName, query.Target, profile, region, query.Context, cancellation);
            }
            catch (Exception exception) when (exception is FormatException or KnownHostsFailedException)
            {
                await Console.Error.WriteLineAsync($"eic known-hosts: {UntrustedText.Printable(exception.Message)}");
                return 1;
            }

            if (answer.Missing is not null)
            {
                await Console.Error.WriteLineAsync($"eic known-hosts: {UntrustedText.Printable(answer.Missing)}");
            }

            // Whoever answered (the agent, or AWS through this process), ssh reads only well-formed lines.
            foreach (var line in answer.Lines.Where(KnownHostsLines.IsWellFormed))
            {
                Console.Out.WriteLine(line);
            }

            return 0;
        }, parse.GetValue(socket)));
        return command;
    }
}
