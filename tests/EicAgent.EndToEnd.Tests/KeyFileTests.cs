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
            var before = world.Sim.KeyLookupsFor(InstanceId, User);
            var result = await run();
            var lookups = world.Sim.KeyLookupsFor(InstanceId, User) - before;
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
        var before = world.Sim.KeyLookupsFor(InstanceId, User);

        var results = await AllEndAsync(Enumerable.Range(0, count).Select(i => world.SshAsync(Host, $"echo {i}")));

        Assert.All(results.Select((result, i) => (result, i)), r => Assert.True(
            r.result.ExitCode == 0 && r.result.StandardOutput == $"{r.i}\n", r.result + world.AgentLog));
        var lookups = world.Sim.KeyLookupsFor(InstanceId, User) - before;
        Assert.InRange(lookups, count, 2 * count);
        await WaitUntilAsync(() => KeyFilesLeft(world.Directory).Length == 0);
    }

    [Fact]
    public async Task A_pipe_left_by_a_killed_agent_does_not_hold_up_the_next_ssh()
    {
        var (socket, config) = await OwnAgentConfigAsync();
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
            await KillAsync(arguments => arguments.Contains("agent") && arguments.Contains(socket));
        }
    }

    [Fact]
    public async Task Killing_the_proxies_while_their_ssh_wait_for_their_key_files_leaves_no_ssh_blocked_and_no_file()
    {
        var logins = Enumerable.Range(0, 5).Select(i => world.SshAsync(Host, $"echo {i}")).ToArray();
        await KeyFileAppearsAsync(world.Directory, logins);

        await KillAsync(arguments => arguments.Contains("proxy") && arguments.Contains(world.SocketPath));
        var ended = await AllEndAsync(logins);

        Assert.All(ended, result => Assert.True(result.ExitCode is 0 or 255, result.ToString()));
        await WaitUntilAsync(() => KeyFilesLeft(world.Directory).Length == 0, () => string.Join(", ", KeyFilesLeft(world.Directory)) + world.AgentLog);
    }

    [Fact]
    public async Task Killing_the_agent_while_ssh_wait_for_their_key_files_leaves_no_ssh_blocked_and_the_next_ssh_logs_in()
    {
        var (socket, config) = await OwnAgentConfigAsync();
        try
        {
            var logins = Enumerable.Range(0, 5).Select(i => world.RunAsync("ssh", ["-F", config, Host, $"echo {i}"])).ToArray();
            await KeyFileAppearsAsync(_local.Path, logins);

            await KillAsync(arguments => arguments.Contains("agent") && arguments.Contains(socket));
            var ended = await AllEndAsync(logins);

            Assert.All(ended, result => Assert.True(result.ExitCode is 0 or 255, result.ToString()));
            await WaitUntilAsync(() => KeyFilesLeft(_local.Path).Length == 0, () => string.Join(", ", KeyFilesLeft(_local.Path)));
            var next = await world.RunAsync("ssh", ["-F", config, Host, "echo in"]);
            Assert.True(next.ExitCode == 0 && next.StandardOutput == "in\n", next.ToString());
        }
        finally
        {
            await KillAsync(arguments => arguments.Contains("agent") && arguments.Contains(socket));
        }
    }

    public void Dispose() => _local.Dispose();

    /// <summary>An ssh_config like the world's whose agent (at its own socket, in our directory) the proxy starts on demand.</summary>
    private async Task<(string Socket, string Config)> OwnAgentConfigAsync()
    {
        var socket = _local.Combine("agent.sock");
        var config = _local.Combine("ssh_config");
        var block = await ProcessRunner.RunAsync(EicWorld.EicPath, ["ssh-config", "--socket", socket, "--eic", EicWorld.EicPath], world.Environment);
        var worldConfig = await File.ReadAllTextAsync(world.ConfigPath);
        await File.WriteAllTextAsync(config, block.StandardOutput + worldConfig[worldConfig.LastIndexOf("Host *", StringComparison.Ordinal)..]);
        return (socket, config);
    }

    /// <summary>Every login's result; one that did not end within its bound fails the test with what the agent logged.</summary>
    private async Task<ProcessResult[]> AllEndAsync(IEnumerable<Task<ProcessResult>> logins)
    {
        try
        {
            return await Task.WhenAll(logins);
        }
        catch (TimeoutException timeout)
        {
            Assert.Fail($"{timeout.Message}\n{world.AgentLog}");
            throw;
        }
    }

    /// <summary>Until a key file shows in <paramref name="directory"/> (it lives for a moment), or every login is over.</summary>
    private static async Task KeyFileAppearsAsync(string directory, Task[] logins)
    {
        while (KeyFilesLeft(directory).Length == 0 && !logins.All(login => login.IsCompleted))
        {
            await Task.Delay(1);
        }
    }

    /// <summary>SIGKILL to every process whose command line matches.</summary>
    private static async Task KillAsync(Func<string[], bool> matches)
    {
        foreach (var pid in Directory.EnumerateDirectories("/proc").Select(Path.GetFileName).Where(name => name!.All(char.IsAsciiDigit)).Select(int.Parse!))
        {
            try
            {
                if (matches(File.ReadAllText($"/proc/{pid}/cmdline").Split('\0')))
                {
                    using var process = Process.GetProcessById(pid);
                    process.Kill();
                    await process.WaitForExitAsync();
                }
            }
            catch (Exception exception) when (exception is IOException or ArgumentException or InvalidOperationException)
            {
                // Gone meanwhile.
            }
        }
    }

    private static string[] KeyFilesLeft(string directory) => Directory.GetFileSystemEntries(directory, "key-*");

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
