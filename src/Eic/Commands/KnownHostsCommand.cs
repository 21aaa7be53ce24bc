using System.CommandLine;
using System.Net.Sockets;
using EicAgent.Agent.Client;
using EicAgent.Agent.Listeners;
using EicAgent.Agent.Protocol;
using EicAgent.Aws.Scopes;
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
                answer = await AskAgentAsync(AgentEndpoint.Resolve(parse.GetValue(socket)), query, cancellation)
                    ?? await new KnownHostsLookup(scopes, HostKeyCache.ForUser())
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

    /// <summary>The running agent's answer, or null when no agent answers (then this process asks AWS itself).</summary>
    private static async Task<KnownHostsLookup.Answer?> AskAgentAsync(string socketPath, KnownHostsQuery query, CancellationToken cancellation)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        bounded.CancelAfter(AgentAnswerTimeout);
        try
        {
            await using var agent = await AgentClient.ConnectAsync(socketPath, bounded.Token);
            return KnownHostsQuery.ReadReply(await agent.ExtensionAsync(KnownHostsQuery.ExtensionName, query.Write(), bounded.Token));
        }
        catch (Exception exception) when (exception is IOException or SocketException or AgentProtocolException
            || (exception is OperationCanceledException && !cancellation.IsCancellationRequested))
        {
            return null;
        }
    }

    /// <summary>Above the AWS layer's own bound on a call, so that the agent's one-line reason arrives first.</summary>
    private static readonly TimeSpan AgentAnswerTimeout = TimeSpan.FromSeconds(25);
}
