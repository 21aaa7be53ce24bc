using System.CommandLine;
using EicAgent.Agent.Listeners;
using EicAgent.Cli.Status;

namespace EicAgent.Cli.Commands;

/// <summary>`eic status`: is the agent running, and which keys does it hold right now.</summary>
internal static class StatusCommand
{
    public static Command Create()
    {
        var socket = new Option<string?>("--socket") { Description = "The agent's socket (default: as `eic agent`)" };
        var command = new Command("status", "Show whether the agent runs and which keys it holds (fingerprints only)") { socket };
        command.SetAction(async (parse, cancellation) =>
        {
            var path = AgentEndpoint.Resolve(parse.GetValue(socket));
            AgentStatus status;
            try
            {
                status = await AgentStatusQuery.AskAsync(path, cancellation);
            }
            catch (AgentUnreachableException exception)
            {
                await Console.Error.WriteLineAsync($"eic status: {exception.Message}; `eic agent` starts one");
                return 1;
            }

            Console.WriteLine($"agent: {path} (pid {status.ProcessId})");
            if (status.Binary is { } binary)
            {
                Console.WriteLine($"running: eic {binary.Version} from {binary.Path}, started {binary.StartedAt.ToLocalTime():yyyy-MM-dd HH:mm:ss}");
                if (StaleAgentWarning(status, binary) is { } warning)
                {
                    Console.WriteLine($"warning: {warning}");
                }
            }

            Console.WriteLine($"your keys: {status.UserKeys}");
            Console.WriteLine($"minted keys held: {status.MintedKeys.Count}");
            foreach (var key in status.MintedKeys)
            {
                Console.WriteLine($"  {key.Fingerprint} for {key.OsUser}, bound to ssh pid {key.BoundProcessId}, forgotten in {key.SecondsLeft} s");
            }

            return 0;
        });
        return command;
    }

    /// <summary>Why the agent runs other code than the user now has, and how to restart it; null when it does not.</summary>
    private static string? StaleAgentWarning(AgentStatus status, AgentBinary binary)
    {
        var restart = $"restart it: `systemctl --user restart eic-agent` for the service, else `kill {status.ProcessId}` (the next ssh starts the new one)";
        return status.BinaryState switch
        {
            AgentBinary.State.Replaced => $"{binary.Path} was replaced since the agent started: it still runs the old code; {restart}",
            AgentBinary.State.Removed => $"{binary.Path} was removed since the agent started; {restart}",
            _ when binary.Version != AgentBinary.OwnVersion => $"this eic is {AgentBinary.OwnVersion}, the agent runs {binary.Version}; {restart}",
            _ => null,
        };
    }
}
