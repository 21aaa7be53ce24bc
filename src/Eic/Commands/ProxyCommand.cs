using System.CommandLine;
using EicAgent.Agent.Listeners;
using EicAgent.Aws.Paths;
using EicAgent.Aws.SerialConsole;
using EicAgent.Aws.Scopes;
using EicAgent.Aws.Tunnels;
using EicAgent.Cli.Proxy;

namespace EicAgent.Cli.Commands;

/// <summary>`eic proxy HOST PORT USER`: the ProxyCommand that ssh starts for each connection (`%h %p %r`).</summary>
internal static class ProxyCommand
{
    public static Command Create()
    {
        var host = new Argument<string>("host") { Description = "What the user typed (%h): instance id, Name tag, DNS name or IP, optionally NAME.PROFILE.REGION.eic" };
        var port = new Argument<int>("port") { Description = "The instance's ssh port (%p)" };
        var user = new Argument<string>("user") { Description = "The instance's OS user (%r)" };
        var profile = new Option<string?>("--profile") { Description = "AWS profile (default: AWS_PROFILE, else the default chain)" };
        var region = new Option<string?>("--region") { Description = "AWS region (default: the profile's, else AWS_REGION)" };
        var via = new Option<string>("--via")
        {
            Description = "auto (the first of --auto-order that works), direct (public address), private (private address: VPN), eice (endpoint), ssm (Session Manager)",
            DefaultValueFactory = _ => "auto",
        };
        via.AcceptOnlyFromAmong("auto", "direct", "private", "eice", "ssm");
        var autoOrder = new Option<string?>("--auto-order") { Description = "The paths --via auto tries, in order (default: direct,eice,ssm)" };
        autoOrder.Validators.Add(result =>
        {
            if (!AutoRoutes.TryParse(result.GetValueOrDefault<string?>() ?? "", out _))
            {
                result.AddError("--auto-order takes a comma-separated list of direct, private, eice and ssm, each at most once");
            }
        });
        var eiceId = new Option<string?>("--eice-id") { Description = "The EC2 Instance Connect Endpoint to tunnel through (implies --via eice for auto)" };
        var maxTunnel = new Option<int?>("--max-tunnel-duration")
        {
            Description = "Seconds an EC2 Instance Connect Endpoint tunnel may last, 1 to 3600 (default: none sent, the endpoint's hour); lower it when a policy caps ec2-instance-connect:maxTunnelDuration",
        };
        maxTunnel.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is { } seconds && !TunnelUrlPresigner.IsValidDuration(seconds))
            {
                result.AddError($"--max-tunnel-duration {seconds} is out of range: an endpoint tunnel lasts 1 to 3600 seconds");
            }
        });
        var socket = new Option<string?>("--socket") { Description = "The agent's socket (default: as `eic agent`)" };
        var keyFile = new Option<string?>("--key-file") { Description = "ssh's IdentityFile for this connection (Linux): the agent hands ssh its key there, so ssh signs at once" };
        var knownHostsName = new Option<string?>("--known-hosts-name")
        {
            Description = "ssh's %k (its HostKeyAlias, else the host as typed): a name the agent writes the instance's console host keys under in its known_hosts file, besides %h",
        };
        var serial = new Option<bool>("--serial") { Description = "To the instance's EC2 Serial Console as INSTANCE.portN (implied by a NAME.serial.eic host)" };
        var pushKey = new Option<string?>("--push-key")
        {
            Description = "Push this key of yours instead of a minted one: a key file (its .pub is read) or SHA256:... of a key in eic's agent or its upstream agent",
        };
        var command = new Command("proxy", "ProxyCommand for ssh: resolve the host, push a key for this connection, relay the bytes")
        {
            host, port, user, profile, region, via, autoOrder, eiceId, maxTunnel, socket, serial, pushKey, keyFile, knownHostsName,
        };
        command.SetAction(async (parse, cancellation) =>
        {
            NetworkPaths.TryParse(parse.GetValue(via)!, out var path);
            var options = new ProxyOptions(
                parse.GetValue(host)!,
                parse.GetValue(port),
                parse.GetValue(user)!,
                parse.GetValue(profile),
                parse.GetValue(region),
                path,
                AgentEndpoint.Resolve(parse.GetValue(socket)))
            {
                EndpointId = parse.GetValue(eiceId),
                MaxTunnelSeconds = parse.GetValue(maxTunnel),
                AutoOrder = parse.GetValue(autoOrder) is { } order && AutoRoutes.TryParse(order, out var paths) ? paths : null,
                Serial = parse.GetValue(serial) || SerialHostNames.IsSerial(parse.GetValue(host)!),
                Context = AwsContext.FromEnvironment(),
                PushKey = parse.GetValue(pushKey),
                KeyFile = parse.GetValue(keyFile),
                KnownHostsName = parse.GetValue(knownHostsName),
            };
            await using var input = Console.OpenStandardInput();
            await using var output = Console.OpenStandardOutput();
            return await ProxyClient.RunAsync(options, new ProxyPlumbing(), input, output, Console.Error, cancellation);
        });
        return command;
    }
}
