using System.Diagnostics;
using System.Runtime.Versioning;
using EicAgent.Cli.SshConfig;
using EicAgent.Simulator;
using EicAgent.Simulator.Fleet;
using LocalAws = EicAgent.Simulator.Simulator;

namespace EicAgent.Cli.Demo;

/// <summary>
/// The demo's script: a simulator, an agent of this very build on a private socket, a real `ssh` through the
/// same ssh_config block users include, the agent's and sshd's own log lines as the story, and a clean exit.
/// </summary>
[UnsupportedOSPlatform("windows")]
internal static class DemoRun
{
    public static async Task<int> RunAsync(string targetName, TextWriter output, CancellationToken cancellation)
    {
        var workspace = Directory.CreateTempSubdirectory("eic-demo-");
        File.SetUnixFileMode(workspace.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        try
        {
            await output.WriteLineAsync("1. Starting a simulated AWS (EC2, EC2 Instance Connect, STS); each instance is a real sshd ...");
            await using var aws = await LocalAws.StartAsync(new SimulatorOptions(), cancellation);
            var target = aws.Instance(targetName);
            await output.WriteLineAsync($"   {aws.Endpoint} with {aws.Instances.Count} instances; the target: {Describe(target)}");
            var environment = DemoEnvironment.For(aws.Environment, workspace.FullName);

            var socket = Path.Combine(workspace.FullName, "agent.sock");
            var config = await WriteSshConfigAsync(aws, workspace.FullName, socket);
            await output.WriteLineAsync($"2. Starting the agent on {socket} (it keeps every key in memory only; its audit log and caches stay in {workspace.FullName}, removed at the end)");
            await using var agent = await DemoAgent.StartAsync(socket, environment, output, cancellation);

            var user = target.OsUsers[0];
            var destination = $"{user}@{target.Name ?? target.InstanceId}.eic";
            await output.WriteLineAsync($"3. ssh -F {config} {destination} ...  (ssh runs `eic proxy %h %p %r` from the Include-able block)");
            var logMark = target.SshdLog.LineCount;
            var ssh = await RunSshAsync(config, destination, environment, cancellation);
            foreach (var line in target.SshdLog.LinesAfter(logMark).Where(IsLoginLine))
            {
                await output.WriteLineAsync($"   sshd  | {line}");
            }

            await output.WriteLineAsync($"4. The instance answered (exit {ssh.ExitCode}):");
            foreach (var line in ssh.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                await output.WriteLineAsync($"   {target.InstanceId} | {line}");
            }

            if (ssh.ExitCode != 0)
            {
                await output.WriteLineAsync($"eic demo: ssh failed: {ssh.Errors.Trim()}");
                return 1;
            }

            await output.WriteLineAsync("5. Done: the key was used once and forgotten; stopping the agent and the simulator.");
            await output.WriteLineAsync("next: with your own AWS credentials, `eic ls` lists your instances and `ssh NAME.eic` logs in to one; `eic doctor NAME.eic` checks the way there");
            return 0;
        }
        finally
        {
            workspace.Delete(recursive: true);
        }
    }

    private static string Describe(SimulatedInstance instance) =>
        $"{instance.Name} ({instance.InstanceId}, users {string.Join(", ", instance.OsUsers)}, sshd at {instance.SshAddress}:{instance.SshPort})";

    private static bool IsLoginLine(string line) =>
        line.Contains("publickey", StringComparison.Ordinal) || line.Contains("session opened", StringComparison.Ordinal);

    private static async Task<string> WriteSshConfigAsync(LocalAws aws, string workspace, string socket)
    {
        var knownHosts = Path.Combine(workspace, "known_hosts");
        await File.WriteAllLinesAsync(knownHosts, aws.Instances.Select(i => $"{i.InstanceId},{i.Name}.eic {i.HostPublicKey}"));
        var config = Path.Combine(workspace, "ssh_config");
        await File.WriteAllTextAsync(config, SshConfigBlock.Render(SelfInvocation.ExecutablePath(), socket) + $"""

            # The simulator's instances: their host keys (as cloud-init prints them), and their sshd port.
            Host *
                UserKnownHostsFile {knownHosts}
                StrictHostKeyChecking yes
                BatchMode yes
                Port {aws.SshPort}

            """);
        return config;
    }

    private static async Task<(int ExitCode, string Output, string Errors)> RunSshAsync(
        string config, string destination, IReadOnlyDictionary<string, string?> environment, CancellationToken cancellation)
    {
        var startInfo = new ProcessStartInfo("ssh", ["-F", config, destination, "echo \"hello from $(whoami) on $SSH_CONNECTION\""])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        environment.ApplyTo(startInfo);

        using var ssh = Process.Start(startInfo) ?? throw new InvalidOperationException("cannot start ssh");
        ssh.StandardInput.Close();
        var stdout = ssh.StandardOutput.ReadToEndAsync(cancellation);
        var stderr = ssh.StandardError.ReadToEndAsync(cancellation);
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        bounded.CancelAfter(TimeSpan.FromSeconds(60));
        await ssh.WaitForExitAsync(bounded.Token);
        return (ssh.ExitCode, await stdout, await stderr);
    }
}
