using System.CommandLine;
using EicAgent.Cli.Audit;

namespace EicAgent.Cli.Commands;

/// <summary>`eic log`: the audit file, as a table or as its JSON lines; `--follow` keeps printing new entries until Ctrl-C.</summary>
internal static class LogCommand
{
    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Print the JSON lines as they are stored" };
        var count = new Option<int>("-n") { Description = "Show only the last N entries", DefaultValueFactory = _ => 20 };
        var follow = new Option<bool>("--follow", "-f") { Description = "Keep printing new entries until Ctrl-C" };
        var command = new Command("log", "Show the audit log of key pushes and connections") { json, count, follow };
        command.SetAction(async (parse, cancellation) =>
        {
            var path = AuditFile.DefaultPath();
            var last = parse.GetValue(count);
            if (last < 0)
            {
                await Console.Error.WriteLineAsync($"eic log: -n takes a count of 0 or more, not {last}");
                return 1;
            }

            var asJson = parse.GetValue(json);
            if (!File.Exists(path) && !parse.GetValue(follow))
            {
                await Console.Error.WriteLineAsync($"eic log: no audit entries yet ({path} does not exist; the agent writes it at the first ssh)");
                return 0;
            }

            using var reader = new AuditReader(path);
            var lines = reader.ReadNew().TakeLast(last).ToList();
            if (!asJson)
            {
                Console.WriteLine(AuditTable.Header);
            }

            Print(lines, asJson);
            if (!parse.GetValue(follow))
            {
                return 0;
            }

            // Ctrl-C cancels the wait; System.CommandLine then exits with 130, as shells report an interrupt.
            while (true)
            {
                await reader.WaitForChangeAsync(cancellation);
                Print(reader.ReadNew(), asJson);
            }
        });
        return command;
    }

    private static void Print(IEnumerable<string> lines, bool asJson)
    {
        foreach (var line in lines)
        {
            if (asJson)
            {
                Console.WriteLine(line);
            }
            else if (AuditJson.Parse(line) is { } entry)
            {
                Console.WriteLine(AuditTable.Row(entry));
            }
        }

        Console.Out.Flush();
    }
}
