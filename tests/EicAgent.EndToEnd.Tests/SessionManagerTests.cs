using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Amazon.SimpleSystemsManagement;
using EicAgent.Testing;
using Xunit;

namespace EicAgent.EndToEnd.Tests;

/// <summary>
/// db-1 has no public address and its VPC no endpoint: `--via ssm` (and `--via auto`, which falls back to it) reaches
/// it through Session Manager's data channel, with real ssh, scp and rsync; every refusal is one line on stderr.
/// </summary>
public sealed partial class SessionManagerTests(SessionManagerWorld world) : IClassFixture<SessionManagerWorld>, IDisposable
{
    private const int ThirtyTwoMiB = 32 * 1024 * 1024;
    private readonly TemporaryDirectory _local = new("eic-e2e-ssm-");
    private readonly string _remoteName = $"eic-e2e-ssm-{Guid.NewGuid():N}";

    [Fact]
    public async Task Ssh_by_name_and_by_id_via_ssm_runs_commands_on_the_instance_without_address_or_endpoint()
    {
        var db1 = world.Sim.Instance(SessionManagerWorld.Managed);
        var terminatedBefore = Terminations();

        var byName = await world.SshAsync("-o", world.ProxyCommand("--via", "ssm"), "db-1.eic", "echo \"$USER on $(hostname)\"; exit 3");
        var byId = await world.SshAsync("-o", world.ProxyCommand("--via", "ssm"), db1.InstanceId, "echo reached");

        Assert.True(byName.ExitCode == 3, byName + world.AgentLog);
        Assert.Equal($"ec2-user on {db1.HostName}\n", byName.StandardOutput);
        Assert.True(byId.ExitCode == 0, byId + world.AgentLog);
        Assert.Equal("reached\n", byId.StandardOutput);
        Assert.Contains($"{db1.InstanceId} at ssm session ", world.AgentLog);
        await WaitForAsync(() => Terminations() >= terminatedBefore + 2, "the agent terminates each session when its ssh ends");
    }

    [Fact]
    public async Task Via_auto_falls_back_to_session_manager_when_neither_direct_nor_an_endpoint_works()
    {
        var startsBefore = Starts();

        var result = await world.SshAsync("db-1.eic", "echo auto");

        Assert.True(result.ExitCode == 0, result + world.AgentLog);
        Assert.Equal("auto\n", result.StandardOutput);
        Assert.Equal(startsBefore + 1, Starts());
    }

    [Fact]
    public async Task An_auto_order_without_ssm_says_why_each_path_failed()
    {
        var result = await world.SshAsync("-o", world.ProxyCommand("--auto-order", "direct,eice"), "db-1.eic", "true");

        Assert.Equal(255, result.ExitCode);
        Assert.Contains("has no public address", result.StandardError);
        Assert.Contains("no usable EC2 Instance Connect Endpoint", result.StandardError);
    }

    [Fact]
    public async Task Scp_carries_32_MiB_each_way_through_session_manager_unchanged()
    {
        var original = _local.Combine("original.bin");
        await File.WriteAllBytesAsync(original, RandomNumberGenerator.GetBytes(ThirtyTwoMiB + 13));
        var copy = _local.Combine("copy.bin");
        string[] ssm = ["-F", world.ConfigPath, "-q", "-o", world.ProxyCommand("--via", "ssm")];

        var upload = await world.RunAsync("scp", [.. ssm, original, $"db-1.eic:{_remoteName}.bin"]);
        var download = await world.RunAsync("scp", [.. ssm, $"db-1.eic:{_remoteName}.bin", copy]);

        Assert.True(upload.ExitCode == 0, upload + world.AgentLog);
        Assert.True(download.ExitCode == 0, download + world.AgentLog);
        Assert.Equal(SHA256.HashData(await File.ReadAllBytesAsync(original)), SHA256.HashData(await File.ReadAllBytesAsync(copy)));
    }

    [Fact]
    public async Task Rsync_mirrors_a_tree_through_session_manager()
    {
        var tree = _local.Combine("tree");
        Directory.CreateDirectory(Path.Combine(tree, "a", "b"));
        await File.WriteAllTextAsync(Path.Combine(tree, "top.txt"), "top\n");
        await File.WriteAllBytesAsync(Path.Combine(tree, "a", "b", "deep.bin"), RandomNumberGenerator.GetBytes(1024 * 1024));

        var sync = await world.RunAsync("rsync", ["-a", "-e", $"ssh -F {world.ConfigPath} -o '{world.ProxyCommand("--via", "ssm")}'", tree + "/", $"db-1.eic:{_remoteName}/"]);
        var listing = await world.SshAsync("-o", world.ProxyCommand("--via", "ssm"), "db-1.eic", $"cd {_remoteName} && find . -type f | sort && sha256sum a/b/deep.bin");

        Assert.True(sync.ExitCode == 0, sync + world.AgentLog);
        Assert.StartsWith("./a/b/deep.bin\n./top.txt\n", listing.StandardOutput);
        Assert.Contains(Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(Path.Combine(tree, "a", "b", "deep.bin")))), listing.StandardOutput);
    }

    [Fact]
    public async Task An_instance_without_the_ssm_agent_is_refused_with_what_it_needs()
    {
        var result = await world.SshAsync("-o", world.ProxyCommand("--via", "ssm"), $"{SessionManagerWorld.Unmanaged}.eic", "true");

        Assert.Equal(255, result.ExitCode);
        Assert.Matches("eic: .*unmanaged-1.* is not managed in Session Manager .*SSM agent", result.StandardError);
    }

    [Fact]
    public async Task A_caller_without_ssm_start_session_is_told_the_permission()
    {
        var result = await world.RunAsync(
            "ssh", ["-F", world.ConfigPath, "-o", world.ProxyCommand("--via", "ssm"), "db-1.eic", "true"], extraEnvironment: SessionManagerWorld.As(SessionManagerWorld.NoStartSession));

        Assert.Equal(255, result.ExitCode);
        Assert.Contains("not allowed to start a Session Manager session to i-0a1b2c3d4e5f00006: the caller needs ssm:StartSession", result.StandardError);
    }

    [Fact]
    public async Task A_caller_not_allowed_the_ssh_document_is_told_the_document()
    {
        var result = await world.RunAsync(
            "ssh", ["-F", world.ConfigPath, "-o", world.ProxyCommand("--via", "ssm"), "db-1.eic", "true"], extraEnvironment: SessionManagerWorld.As(SessionManagerWorld.NoSshDocument));

        Assert.Equal(255, result.ExitCode);
        Assert.Contains("not allowed to use the Session Manager document AWS-StartSSHSession: the caller needs ssm:StartSession on arn:aws:ssm:us-east-1::document/AWS-StartSSHSession", result.StandardError);
    }

    [Fact]
    public async Task A_session_the_service_ends_gives_one_clear_line()
    {
        var logged = world.AgentLogCount(" at ssm session ");
        using var ssh = Process.Start(world.StartInfo("ssh", ["-F", world.ConfigPath, "-o", world.ProxyCommand("--via", "ssm"), "db-1.eic", "echo started; sleep 120"]))!;
        var errors = ssh.StandardError.ReadToEndAsync();
        Assert.Equal("started", await ssh.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60)));
        await world.AgentLoggedAsync(" at ssm session ", logged + 1);
        var sessionId = SessionIds().Matches(world.AgentLog).Last().Groups[1].Value;

        using var ssm = new AmazonSimpleSystemsManagementClient(
            new Amazon.Runtime.BasicAWSCredentials(world.Sim.Caller.AccessKeyId, world.Sim.Caller.SecretAccessKey),
            new AmazonSimpleSystemsManagementConfig { ServiceURL = world.Sim.Endpoint.ToString(), AuthenticationRegion = world.Sim.Region });
        await ssm.TerminateSessionAsync(new() { SessionId = sessionId });
        await ssh.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(255, ssh.ExitCode);
        Assert.Contains($"eic: db-1.eic: Session Manager ended session {sessionId}: Session {sessionId} was terminated", await errors);
    }

    [Fact]
    public async Task Eic_ls_shows_session_manager_as_the_path_of_an_instance_it_alone_reaches()
    {
        var ls = await world.RunAsync(EicWorld.EicPath, ["ls", "--json"]);

        Assert.True(ls.ExitCode == 0, ls.ToString());
        var rows = System.Text.Json.JsonDocument.Parse(ls.StandardOutput).RootElement.GetProperty("instances").EnumerateArray().ToList();
        string PathOf(string name) => rows.Single(r => r.GetProperty("name").GetString() == name).GetProperty("path").GetString()!;
        Assert.Equal("ssm", PathOf(SessionManagerWorld.Managed));
        Assert.Equal("none", PathOf(SessionManagerWorld.Unmanaged));
        Assert.Equal("direct", PathOf("web-1"));
    }

    public void Dispose() => _local.Dispose();

    private int Starts() => world.Sim.Requests.Count(r => r.Operation == "StartSession" && r.StatusCode == 200);

    private int Terminations() => world.Sim.Requests.Count(r => r.Operation == "TerminateSession" && r.StatusCode == 200);

    private static async Task WaitForAsync(Func<bool> condition, string what)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            Assert.False(timeout.IsCancellationRequested, $"timed out waiting: {what}");
            await Task.Delay(50);
        }
    }

    [GeneratedRegex(" at ssm session (\\S+) ")]
    private static partial Regex SessionIds();
}
