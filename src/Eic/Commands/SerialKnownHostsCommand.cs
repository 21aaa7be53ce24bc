using System.CommandLine;
using System.Text.RegularExpressions;
using EicAgent.Aws.Scopes;
using EicAgent.Aws.SerialConsole;
using EicAgent.Aws.Targets;
using EicAgent.Cli.Hosts;

namespace EicAgent.Cli.Commands;

/// <summary>
/// `eic serial-known-hosts %H %h %t %K`: ssh's KnownHostsCommand for the serial console. It prints the key the
/// endpoint offered as a known_hosts line only when its fingerprint is the one AWS publishes for the region, so the
/// first connection is verified without a prompt and any other key fails ssh's host key check.
/// </summary>
internal static partial class SerialKnownHostsCommand
{
    public static Command Create()
    {
        var host = new Argument<string>("host") { Description = "The name ssh checks the key for (%H)" };
        var target = new Argument<string>("target") { Description = "The instance as given to ssh (%h): its region picks the endpoint" };
        var keyType = new Argument<string>("type") { Description = "The offered host key's type (%t)" };
        var key = new Argument<string>("key") { Description = "The offered host key, base64 (%K)" };
        var aws = new AwsOptions();
        var command = new Command("serial-known-hosts", "Vouch for the EC2 Serial Console endpoint's host key if AWS publishes it (for KnownHostsCommand)")
        {
            host, target, keyType, key,
        };
        aws.AddTo(command);
        command.SetAction((parse, cancellation) => aws.RunAsync(parse, "serial-known-hosts", async (scopes, profile, region) =>
        {
            var (name, type, blob) = (parse.GetValue(host)!, parse.GetValue(keyType)!, parse.GetValue(key)!);
            if (type == NoKeyYet)
            {
                // ssh asks before the key exchange which key types it knows for the host; only fingerprints are published.
                return 0;
            }

            if (!Token().IsMatch(name) || !Token().IsMatch(type))
            {
                await Console.Error.WriteLineAsync("eic serial-known-hosts: the host name and key type must be single words");
                return 1;
            }

            try
            {
                var spec = TargetSpec.Parse(SerialHostNames.WithoutSerial(parse.GetValue(target)!), profile, region);
                var scope = await scopes.GetAsync(spec, AwsContext.FromEnvironment(), cancellation);
                var (_, endpoint) = scope.FindSerialConsoleEndpoint();
                if (!SerialHostKeyCheck.Matches(endpoint, blob))
                {
                    await Console.Error.WriteLineAsync(
                        $"eic serial-known-hosts: the serial console endpoint offered host key {SerialHostKeyCheck.Fingerprint(blob)}, not "
                        + $"{endpoint.Fingerprint} that AWS publishes for {endpoint.Region}: not trusted (if AWS changed it, put the new line in "
                        + $"{SerialConsoleEndpoints.OverrideFiles().First()})");
                    return 0;
                }
            }
            catch (FormatException exception)
            {
                await Console.Error.WriteLineAsync($"eic serial-known-hosts: {exception.Message}");
                return 1;
            }

            Console.Out.WriteLine($"{name} {type} {blob}");
            return 0;
        }));
        return command;
    }

    /// <summary>What ssh passes for %t and %K when it asks before any key was offered.</summary>
    private const string NoKeyYet = "NONE";

    [GeneratedRegex(@"^[\x21-\x7e]{1,255}$")]
    private static partial Regex Token();
}
