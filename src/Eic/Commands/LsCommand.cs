using System.CommandLine;
using EicAgent.Aws.Listing;
using EicAgent.Cli.Hosts;

namespace EicAgent.Cli.Commands;

/// <summary>`eic ls`: every instance of a region with its path and default user (in-process, no agent needed).</summary>
internal static class LsCommand
{
    public static Command Create()
    {
        var aws = new AwsOptions();
        var json = new Option<bool>("--json") { Description = "Print JSON for scripts instead of a table" };
        var command = new Command("ls", "List every instance: Name, id, state, AZ, addresses, default user, and the path eic would take") { json };
        aws.AddTo(command);
        command.SetAction((parse, cancellation) => aws.RunAsync(parse, "ls", async (scopes, profile, region) =>
        {
            var scope = await scopes.GetAsync(profile, region, cancellation);
            var rows = await InstanceListing.ListAsync(scope, cancellation);
            if (parse.GetValue(json))
            {
                await using var output = Console.OpenStandardOutput();
                InstanceJson.Write(output, rows);
            }
            else
            {
                InstanceTable.Write(Console.Out, rows);
            }

            return 0;
        }));
        return command;
    }
}
