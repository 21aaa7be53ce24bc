using System.CommandLine;
using System.Diagnostics;
using System.Runtime.Versioning;
using EicAgent.Simulator;
using Microsoft.Extensions.Logging;
using EicAgent.Simulator.Policy;
using LocalAws = EicAgent.Simulator.Simulator;

namespace EicAgent.Cli.Sim;

/// <summary>
/// `eic sim [--port N] [--latency MS] [--policy FILE] [--vpn] [--] [COMMAND ...]`: a local AWS with real sshd instances.
/// Without COMMAND it prints the environment (as `export` lines) and the rest as shell comments, then runs until
/// Ctrl-C or SIGTERM; with COMMAND it runs it with that environment and exits with its status.
/// </summary>
internal static class SimCommand
{
    public static Command Create()
    {
        var port = new Option<int>("--port") { Description = "HTTP port on 127.0.0.1 for every simulated AWS service (default: a free one)" };
        var latency = new Option<int>("--latency") { Description = "Milliseconds added to every AWS call" };
        var policy = new Option<FileInfo?>("--policy") { Description = "JSON file saying which caller may do what (default: everything allowed)" };
        var vpn = new Option<bool>("--vpn") { Description = "Put this machine on the VPCs' VPN: the instances' private addresses answer (for eic proxy --via private)" };
        var command = new Argument<string[]>("command")
        {
            Arity = ArgumentArity.ZeroOrMore,
            Description = "A command to run against the simulator (put -- before it when it has options)",
        };
        var sim = new Command("sim", "Run a local AWS (EC2, EC2 Instance Connect, STS) whose instances are real sshd processes")
        {
            port, latency, policy, vpn, command,
        };
        sim.SetAction((result, _) => RunAsync(
            result.GetValue(port), result.GetValue(latency), result.GetValue(vpn), result.GetValue(policy), result.GetValue(command) ?? []));
        return sim;
    }

    private static async Task<int> RunAsync(int port, int latencyMs, bool onVpn, FileInfo? policyFile, string[] command)
    {
        if (OperatingSystem.IsWindows())
        {
            await Console.Error.WriteLineAsync("eic sim: the simulator runs OpenSSH sshd instances and needs Linux or macOS");
            return 2;
        }

        using var signals = new TerminationSignals();
        using var logging = command.Length == 0 ? CallLog() : null;
        LocalAws simulator;
        try
        {
            var policy = policyFile is null ? AccessPolicy.AllowAll : AccessPolicy.Load(policyFile.FullName);
            simulator = await LocalAws.StartAsync(
                new SimulatorOptions { Port = port, Latency = TimeSpan.FromMilliseconds(latencyMs), OnVpn = onVpn, Policy = policy, LoggerFactory = logging },
                signals.Requested);
        }
        catch (Exception e) when (e is InvalidDataException or InvalidOperationException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            await Console.Error.WriteLineAsync($"eic sim: {e.Message}");
            return 1;
        }
        catch (OperationCanceledException)
        {
            return 130;
        }

        await using (simulator)
        {
            if (command.Length > 0)
            {
                return await RunChildAsync(simulator, command, signals.Requested);
            }

            await Console.Out.WriteAsync(simulator.DescribeForShell());
            await Console.Out.FlushAsync();
            try
            {
                await Task.Delay(Timeout.Infinite, signals.Requested);
            }
            catch (OperationCanceledException)
            {
            }

            await Console.Error.WriteLineAsync("eic sim: stopping (sshd instances and state directory removed)");
            return 0;
        }
    }

    // While serving, one line per AWS call on stderr (stdout stays the sourceable banner); a command's output stays its own.
    private static ILoggerFactory CallLog() => LoggerFactory.Create(logging => logging
        .SetMinimumLevel(LogLevel.Information)
        .AddFilter("Microsoft", LogLevel.Warning)
        .AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "HH:mm:ss.fff ";
        })
        .AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace));

    // Ctrl-C reaches the child too (same process group); a SIGTERM to eic alone gives the child a few seconds, then ends it.
    [UnsupportedOSPlatform("windows")]
    private static async Task<int> RunChildAsync(LocalAws simulator, string[] command, CancellationToken stop)
    {
        var startInfo = new ProcessStartInfo(command[0]) { UseShellExecute = false };
        foreach (var argument in AwsCliEndpoint.Add(command, simulator.Endpoint).Skip(1))
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in simulator.Environment)
        {
            startInfo.Environment[name] = value;
        }

        if (simulator.ClientCommandsDirectory is { } wrappers)
        {
            startInfo.Environment["PATH"] = wrappers + Path.PathSeparator + System.Environment.GetEnvironmentVariable("PATH");
        }

        Process child;
        try
        {
            child = Process.Start(startInfo) ?? throw new InvalidOperationException($"could not start {command[0]}");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            await Console.Error.WriteLineAsync($"eic sim: cannot run {command[0]}: {e.Message}");
            return 127;
        }

        using (child)
        {
            try
            {
                await child.WaitForExitAsync(stop);
            }
            catch (OperationCanceledException)
            {
                using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                try
                {
                    await child.WaitForExitAsync(grace.Token);
                }
                catch (OperationCanceledException)
                {
                    child.Kill(entireProcessTree: true);
                    await child.WaitForExitAsync(CancellationToken.None);
                }
            }

            return child.ExitCode;
        }
    }
}
