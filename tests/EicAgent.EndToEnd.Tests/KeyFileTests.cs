using System.Diagnostics;
using EicAgent.Testing;
using Xunit;

namespace EicAgent.EndToEnd.Tests;

/// <summary>
/// Each login makes the instance run its AuthorizedKeysCommand once: ssh reads the minted key from its key file (a
/// pipe at its IdentityFile) and signs at once, instead of offering it first (one lookup for the offer, one for the
/// signature). Every ssh to the same host and user shares that path, so it must never hang or mix up keys.
/// </summary>
[Collection(EicWorldCollection.Name)]
public sealed class KeyFileTests(EicWorld world) : IDisposable
{
    private const string Host = "web-1.eic";
    private const string User = "ec2-user";
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);
    private readonly TemporaryDirectory _local = new("eic-e2e-keyfile-");
    private readonly string _remoteName = $"eic-e2e-{Guid.NewGuid():N}";

    private string InstanceId => world.Sim.Instance("web-1").InstanceId;

    private string KeyFile(string directory) => Path.Combine(directory, $"key-{User}@{Host}:{world.Sim.SshPort}");

    [Fact]
    public async Task Ssh_scp_rsync_sftp_git_and_VS_Code_each_cost_the_instance_one_key_lookup_per_login()
    {
        var file = _local.Combine("hello.txt");
        await File.WriteAllTextAsync(file, "hello\n");
        var batch = _local.Combine("batch");
        await File.WriteAllTextAsync(batch, $"put {file} {_remoteName}-sftp.txt\n");
        var repository = await world.SshAsync(Host, $"git init -q --bare {_remoteName}.git");
        Assert.True(repository.ExitCode == 0, repository + world.AgentLog);
        var git = new Dictionary<string, string?> { ["GIT_SSH_COMMAND"] = $"ssh -F {world.ConfigPath}" };
        var logins = new (string Tool, Func<Task<ProcessResult>> Run)[]
        {
            ("ssh", () => world.SshAsync(Host, "true")),
            ("scp", () => world.RunAsync("scp", ["-F", world.ConfigPath, "-q", file, $"{Host}:{_remoteName}.txt"])),
            ("rsync", () => world.RunAsync("rsync", ["-a", "-e", $"ssh -F {world.ConfigPath}", file, $"{Host}:{_remoteName}-rsync.txt"])),
            ("sftp", () => world.RunAsync("sftp", ["-F", world.ConfigPath, "-b", batch, Host])),
            ("git", () => world.RunAsync("git", ["ls-remote", $"{Host}:{_remoteName}.git"], extraEnvironment: git)),
            ("VS Code", () => world.RunAsync("ssh", ["-F", world.ConfigPath, "-v", "-T", "-D", FreePort.Next().ToString(), "-o", "ConnectTimeout=15", Host, "bash"], "exit 0\n")),
        };

        foreach (var (tool, run) in logins)
        {
            var before = world.Sim.KeyLookups(InstanceId, User);
            var result = await run();
            var lookups = world.Sim.KeyLookups(InstanceId, User) - before;
            Assert.True(result.ExitCode == 0, $"{tool}: {result}{world.AgentLog}");
            Assert.True(lookups == 1, $"{tool}: {lookups} key lookups for one login\n{result}");
        }
    }

    [Fact]
    public async Task Ssh_v_shows_the_key_tried_as_a_private_key_and_nothing_alarming()
    {
        var result = await world.SshAsync("-v", Host, "true");

        Assert.True(result.ExitCode == 0, result + world.AgentLog);
        Assert.Contains($"Trying private key: {KeyFile(world.Directory)}", result.StandardError);
        Assert.Contains("Authenticated to", result.StandardError);
        foreach (var alarming in new[] { "Offering public key", "Load key", "load pubkey", "no such identity", "UNPROTECTED", "Warning", "error", "denied" })
        {
            Assert.DoesNotContain(alarming, result.StandardError.Replace("Warning: Permanently added", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Eic_doctor_says_ssh_reads_its_key_from_its_key_file()
    {
        var doctor = await world.RunAsync(EicWorld.EicPath, ["doctor", "--socket", world.SocketPath, "--ssh-config", world.ConfigPath]);

        Assert.Contains($"key file {Path.Combine(world.Directory, "key-")}USER@HOST:PORT, read by ssh at once (one key lookup", doctor.StandardOutput + doctor.StandardError);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(30)]
    public async Task A_burst_of_ssh_to_one_instance_and_user_all_log_in_and_leave_no_key_file(int count)
    {
        var before = world.Sim.KeyLookups(InstanceId, User);

        var results = await Task.WhenAll(Enumerable.Range(0, count).Select(i => world.SshAsync(Host, $"echo {i}")));

        Assert.All(results.Select((result, i) => (result, i)), r => Assert.True(
            r.result.ExitCode == 0 && r.result.StandardOutput == $"{r.i}\n", r.result + world.AgentLog));
        var lookups = world.Sim.KeyLookups(InstanceId, User) - before;
        Assert.InRange(lookups, count, 2 * count);
        await WaitUntilAsync(() => KeyFilesLeft(world.Directory).Length == 0);
    }

    [Fact]
    public Task Killing_ssh_while_its_key_file_waits_leaves_the_next_ssh_unblocked() =>
        KillWhileTheKeyFileWaitsAsync(world.ConfigPath, world.Directory, (ssh, _) => ssh.Id);

    [Fact]
    public Task Killing_the_proxy_while_its_key_file_waits_leaves_the_next_ssh_unblocked() =>
        KillWhileTheKeyFileWaitsAsync(world.ConfigPath, world.Directory, (ssh, _) => ChildrenOf(ssh.Id).Single());

    [Fact]
    public async Task Killing_the_agent_while_its_key_file_waits_leaves_the_next_ssh_unblocked()
    {
        // An agent of this test's own, since the world's is shared; the next ssh's proxy starts another on demand.
        var socket = _local.Combine("agent.sock");
        var config = _local.Combine("ssh_config");
        var block = await ProcessRunner.RunAsync(EicWorld.EicPath, ["ssh-config", "--socket", socket, "--eic", EicWorld.EicPath], world.Environment);
        var worldConfig = await File.ReadAllTextAsync(world.ConfigPath);
        await File.WriteAllTextAsync(config, block.StandardOutput + worldConfig[worldConfig.LastIndexOf("Host *", StringComparison.Ordinal)..]);
        using var agent = Process.Start(world.StartInfo(EicWorld.EicPath, ["agent", "--socket", socket, "--foreground"]))!;
        agent.BeginErrorReadLine();
        try
        {
            using var timeout = new CancellationTokenSource(Bound);
            Assert.Equal($"listening {socket}", await agent.StandardOutput.ReadLineAsync(timeout.Token));

            await KillWhileTheKeyFileWaitsAsync(config, _local.Path, (_, _) => agent.Id);
        }
        finally
        {
            await StopAgentsOnAsync(socket);
        }
    }

    [Fact]
    public async Task A_pipe_left_by_a_killed_agent_does_not_hold_up_the_next_ssh()
    {
        var socket = _local.Combine("agent.sock");
        var config = _local.Combine("ssh_config");
        var block = await ProcessRunner.RunAsync(EicWorld.EicPath, ["ssh-config", "--socket", socket, "--eic", EicWorld.EicPath], world.Environment);
        var worldConfig = await File.ReadAllTextAsync(world.ConfigPath);
        await File.WriteAllTextAsync(config, block.StandardOutput + worldConfig[worldConfig.LastIndexOf("Host *", StringComparison.Ordinal)..]);
        var leftover = await ProcessRunner.RunAsync("mkfifo", ["-m", "600", KeyFile(_local.Path)]);
        Assert.True(leftover.ExitCode == 0, leftover.ToString());
        try
        {
            // Nobody serves the pipe: ssh blocks opening it until the proxy's agent (started on demand) releases it.
            var login = await world.RunAsync("ssh", ["-F", config, Host, "echo in"]);

            Assert.True(login.ExitCode == 0 && login.StandardOutput == "in\n", login.ToString());
            Assert.Empty(KeyFilesLeft(_local.Path));
        }
        finally
        {
            await StopAgentsOnAsync(socket);
        }
    }

    public void Dispose() => _local.Dispose();

    /// <summary>
    /// Holds an ssh where its key file exists and it has not opened it yet (stopped once it asks the agent for keys,
    /// with the push slowed so that the agent answers only after that); SIGKILLs the process
    /// <paramref name="victim"/> names. The next ssh to the same host and user must log in within a bound.
    /// </summary>
    private async Task KillWhileTheKeyFileWaitsAsync(string config, string socketDirectory, Func<Process, Process?, int> victim)
    {
        world.Sim.Faults[Simulator.AwsService.InstanceConnect].Latency = TimeSpan.FromSeconds(8);
        using var ssh = Process.Start(world.StartInfo("ssh", ["-F", config, Host, "true"]))!;
        try
        {
            // Two seconds after ssh first waits for its agent it has long had the instant answer to session-bind and
            // asked for keys, which the agent holds until the (eight second) push is done.
            await WaitUntilAsync(() => WaitsForTheAgent(ssh.Id));
            await Task.Delay(TimeSpan.FromSeconds(2));
            Signal("STOP", ssh.Id);
            var keyFile = KeyFile(socketDirectory);
            await WaitUntilAsync(() => File.Exists(keyFile), () => world.AgentLog);
            world.Sim.Faults.Reset();

            var killed = victim(ssh, null);
            Signal("KILL", killed);
            var next = await world.RunAsync("ssh", ["-F", config, Host, "echo next"]);

            Assert.True(next.ExitCode == 0 && next.StandardOutput == "next\n", next + world.AgentLog);
            if (killed == ssh.Id)
            {
                await WaitUntilAsync(() => !File.Exists(keyFile));
            }
        }
        finally
        {
            world.Sim.Faults.Reset();
            if (!ssh.HasExited)
            {
                ssh.Kill();
            }

            Signal("CONT", ssh.Id);
            using var bound = new CancellationTokenSource(Bound);
            await ssh.WaitForExitAsync(bound.Token);
        }
    }

    private static void Signal(string signal, int pid)
    {
        using var kill = Process.Start("kill", [$"-{signal}", pid.ToString()])!;
        kill.WaitForExit();
    }

    // ssh blocked reading a socket: its agent's answer to "which keys?" (ssh reads its ProxyCommand's pipes by poll).
    private static bool WaitsForTheAgent(int pid)
    {
        try
        {
            var call = File.ReadAllText($"/proc/{pid}/syscall").Split(' ');
            const string readX64 = "0", readArm64 = "63";
            return call.Length > 1 && call[0] is readX64 or readArm64
                && new FileInfo($"/proc/{pid}/fd/{Convert.ToInt32(call[1], 16)}").LinkTarget?.StartsWith("socket:", StringComparison.Ordinal) == true;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or FormatException)
        {
            return false;
        }
    }

    private static async Task StopAgentsOnAsync(string socket)
    {
        foreach (var pid in Directory.EnumerateDirectories("/proc").Select(Path.GetFileName).Where(name => name!.All(char.IsAsciiDigit)).Select(int.Parse!))
        {
            try
            {
                var arguments = File.ReadAllText($"/proc/{pid}/cmdline").Split('\0');
                if (arguments.Contains("agent") && arguments.Contains(socket))
                {
                    using var agent = Process.GetProcessById(pid);
                    agent.Kill();
                    await agent.WaitForExitAsync();
                }
            }
            catch (Exception exception) when (exception is IOException or ArgumentException or InvalidOperationException)
            {
                // Gone meanwhile.
            }
        }
    }

    private static string[] KeyFilesLeft(string directory) => Directory.GetFileSystemEntries(directory, "key-*");

    private static int[] ChildrenOf(int processId) =>
        File.ReadAllText($"/proc/{processId}/task/{processId}/children").Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToArray();

    private static async Task WaitUntilAsync(Func<bool> condition, Func<string>? context = null)
    {
        var deadline = DateTime.UtcNow + Bound;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"not within {Bound.TotalSeconds} s\n{context?.Invoke()}");
            await Task.Delay(20);
        }
    }
}
