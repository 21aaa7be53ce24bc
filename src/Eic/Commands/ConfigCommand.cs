using System.CommandLine;
using EicAgent.Aws.Listing;
using EicAgent.Cli.Hosts;
using EicAgent.Cli.Untrusted;

namespace EicAgent.Cli.Commands;

/// <summary>`eic config`: writes one ssh Host entry per instance (for VS Code's Remote Explorer and tab completion).</summary>
internal static class ConfigCommand
{
    public static Command Create()
    {
        var output = new Option<string?>("--output") { Description = "Where to write (default: ~/.ssh/eic_hosts, which the eic ssh_config block includes); - for stdout" };
        var aws = new AwsOptions();
        var command = new Command("config", "Write an ssh_config with one Host per instance: NAME.eic and its id, with the image's default user") { output };
        aws.AddTo(command);
        command.SetAction((parse, cancellation) => aws.RunAsync(parse, "config", async (scopes, profile, region) =>
        {
            if (new[] { profile, region }.FirstOrDefault(part => part is not null && !SshConfigText.IsHostName(part)) is { } unusable)
            {
                await Console.Error.WriteLineAsync($"eic config: '{UntrustedText.Printable(unusable)}' cannot be part of an ssh Host name (letters, digits, '.', '_' and '-' only)");
                return 2;
            }

            var scope = await scopes.GetAsync(profile, region, cancellation);
            var content = SshHostsFile.Render(await InstanceListing.ListAsync(scope, cancellation), profile, region);
            var defaultPath = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".ssh", "eic_hosts");
            var path = parse.GetValue(output) ?? defaultPath;
            if (path == "-")
            {
                Console.Out.Write(content);
                return 0;
            }

            if (ConfigFileWriter.Write(path, content, SshHostsFile.Marker) is { } refusal)
            {
                await Console.Error.WriteLineAsync($"eic config: {refusal}");
                return 1;
            }

            await Console.Error.WriteLineAsync(path == defaultPath
                ? $"eic config: wrote {path} (the eic ssh_config block includes it)"
                : $"eic config: wrote {path}; add `Include {path}` to ~/.ssh/config above the eic block's Include");
            return 0;
        }));
        return command;
    }
}
