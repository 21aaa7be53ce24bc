using System.Security.Cryptography;
using EicAgent.Testing;
using Xunit;

namespace EicAgent.EndToEnd.Tests;

/// <summary>git and a large scp through `--via ssm`, by instance id and by Name tag, checked end to end.</summary>
public sealed partial class SessionManagerTests
{
    /// <summary>
    /// Many windows of data-channel messages each way (a window is 512 messages of at most 4 KiB), yet small enough
    /// for a busy machine; 1 GiB is the benchmark's (`--ssm-checksum-mib`).
    /// </summary>
    private const int TransferBytes = 64 * 1024 * 1024;

    [Fact]
    public async Task Git_clones_and_pushes_through_session_manager_by_name_and_by_id()
    {
        var id = world.Sim.Instance(SessionManagerWorld.Managed).InstanceId;
        var init = await world.SshAsync("-o", world.ProxyCommand("--via", "ssm"), "db-1.eic", $"git init -q --bare {_remoteName}.git");
        Assert.True(init.ExitCode == 0, init + world.AgentLog);
        var git = new Dictionary<string, string?>
        {
            ["GIT_SSH_COMMAND"] = $"ssh -F {world.ConfigPath} -o '{world.ProxyCommand("--via", "ssm")}'",
            ["GIT_AUTHOR_NAME"] = "eic", ["GIT_AUTHOR_EMAIL"] = "eic@example.com",
            ["GIT_COMMITTER_NAME"] = "eic", ["GIT_COMMITTER_EMAIL"] = "eic@example.com",
        };

        await CommitAndPushAsync($"db-1.eic:{_remoteName}.git", "by-name", "pushed by name", git);
        await CommitAndPushAsync($"{id}:{_remoteName}.git", "by-id", "pushed by id", git);

        var remoteLog = await world.SshAsync("-o", world.ProxyCommand("--via", "ssm"), id, $"git -C {_remoteName}.git log --format=%s");
        Assert.Equal("pushed by id\npushed by name\n", remoteLog.StandardOutput);
    }

    [Fact]
    public async Task Scp_carries_64_MiB_up_by_id_and_back_by_name_with_the_same_sha256_on_both_sides()
    {
        var id = world.Sim.Instance(SessionManagerWorld.Managed).InstanceId;
        var original = _local.Combine("original.bin");
        var sent = await SeededFile.WriteAsync(original, TransferBytes, seed: 18);
        var copy = _local.Combine("copy.bin");
        string[] ssm = ["-F", world.ConfigPath, "-q", "-o", world.ProxyCommand("--via", "ssm")];

        var upload = await world.RunAsync("scp", [.. ssm, original, $"{id}:{_remoteName}.bin"]);
        Assert.True(upload.ExitCode == 0, upload + world.AgentLog);
        var remote = await world.SshAsync("-o", world.ProxyCommand("--via", "ssm"), "db-1.eic", $"sha256sum {_remoteName}.bin");
        var download = await world.RunAsync("scp", [.. ssm, $"db-1.eic:{_remoteName}.bin", copy]);
        await world.SshAsync("-o", world.ProxyCommand("--via", "ssm"), "db-1.eic", $"rm -f {_remoteName}.bin");

        Assert.True(download.ExitCode == 0, download + world.AgentLog);
        Assert.Equal($"{sent}  {_remoteName}.bin\n", remote.StandardOutput);
        await using var copied = File.OpenRead(copy);
        Assert.Equal(sent, Convert.ToHexStringLower(await SHA256.HashDataAsync(copied)));
    }

    private async Task CommitAndPushAsync(string remote, string directory, string message, IReadOnlyDictionary<string, string?> git)
    {
        var clone = await world.RunAsync("git", ["clone", "-q", remote, directory], workingDirectory: _local.Path, extraEnvironment: git);
        Assert.True(clone.ExitCode == 0, clone + world.AgentLog);
        var work = _local.Combine(directory);
        await File.WriteAllTextAsync(Path.Combine(work, directory), message + "\n");
        Assert.Equal(0, (await world.RunAsync("git", ["add", directory], workingDirectory: work, extraEnvironment: git)).ExitCode);
        Assert.Equal(0, (await world.RunAsync("git", ["commit", "-q", "-m", message], workingDirectory: work, extraEnvironment: git)).ExitCode);
        var push = await world.RunAsync("git", ["push", "-q", "origin", "HEAD"], workingDirectory: work, extraEnvironment: git);
        Assert.True(push.ExitCode == 0, push + world.AgentLog);
    }
}
