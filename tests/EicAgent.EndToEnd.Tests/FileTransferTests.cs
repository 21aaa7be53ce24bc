using System.Security.Cryptography;
using EicAgent.Testing;
using Xunit;

namespace EicAgent.EndToEnd.Tests;

/// <summary>The tools built on ssh work unchanged through the block: scp, rsync, sftp, git, VS Code Remote-SSH.</summary>
[Collection(EicWorldCollection.Name)]
public sealed class FileTransferTests(EicWorld world) : IDisposable
{
    private readonly TemporaryDirectory _local = new("eic-e2e-files-");
    private readonly string _remoteName = $"eic-e2e-{Guid.NewGuid():N}";

    [Fact]
    public async Task Scp_copies_a_file_to_the_instance_and_back_unchanged()
    {
        var original = _local.Combine("original.bin");
        await File.WriteAllBytesAsync(original, RandomNumberGenerator.GetBytes(3 * 1024 * 1024 + 17));

        var upload = await world.RunAsync("scp", ["-F", world.ConfigPath, "-q", original, $"web-1.eic:{_remoteName}.bin"]);
        Assert.True(upload.ExitCode == 0, upload + world.AgentLog);
        var copy = _local.Combine("copy.bin");
        var download = await world.RunAsync("scp", ["-F", world.ConfigPath, "-q", $"web-1.eic:{_remoteName}.bin", copy]);
        Assert.True(download.ExitCode == 0, download + world.AgentLog);

        Assert.Equal(SHA256.HashData(await File.ReadAllBytesAsync(original)), SHA256.HashData(await File.ReadAllBytesAsync(copy)));
    }

    [Fact]
    public async Task Rsync_mirrors_a_directory_tree_onto_the_instance()
    {
        var tree = _local.Combine("tree");
        Directory.CreateDirectory(Path.Combine(tree, "a", "b"));
        await File.WriteAllTextAsync(Path.Combine(tree, "top.txt"), "top\n");
        await File.WriteAllTextAsync(Path.Combine(tree, "a", "b", "deep.txt"), "deep\n");

        var sync = await world.RunAsync("rsync", ["-a", "-e", $"ssh -F {world.ConfigPath}", tree + "/", $"web-1.eic:{_remoteName}/"]);
        Assert.True(sync.ExitCode == 0, sync + world.AgentLog);

        var listing = await world.SshAsync("web-1.eic", $"cd {_remoteName} && find . -type f | sort && cat a/b/deep.txt");
        Assert.Equal("./a/b/deep.txt\n./top.txt\ndeep\n", listing.StandardOutput);
    }

    [Fact]
    public async Task Sftp_runs_a_batch_of_commands()
    {
        var batch = _local.Combine("batch");
        var source = _local.Combine("hello.txt");
        await File.WriteAllTextAsync(source, "hello over sftp\n");
        await File.WriteAllTextAsync(batch, $"mkdir {_remoteName}\nput {source} {_remoteName}/hello.txt\nls {_remoteName}\n");

        var result = await world.RunAsync("sftp", ["-F", world.ConfigPath, "-b", batch, "web-2.eic"]);

        Assert.True(result.ExitCode == 0, result + world.AgentLog);
        Assert.Contains($"{_remoteName}/hello.txt", result.StandardOutput);
    }

    [Fact]
    public async Task Git_clones_from_and_pushes_to_a_bare_repository_on_the_instance()
    {
        var init = await world.SshAsync("web-1.eic", $"git init -q --bare {_remoteName}.git");
        Assert.True(init.ExitCode == 0, init + world.AgentLog);
        var git = new Dictionary<string, string?>
        {
            ["GIT_SSH_COMMAND"] = $"ssh -F {world.ConfigPath}",
            ["GIT_AUTHOR_NAME"] = "eic", ["GIT_AUTHOR_EMAIL"] = "eic@example.com",
            ["GIT_COMMITTER_NAME"] = "eic", ["GIT_COMMITTER_EMAIL"] = "eic@example.com",
        };

        var clone = await world.RunAsync("git", ["clone", "-q", $"web-1.eic:{_remoteName}.git", "work"], workingDirectory: _local.Path, extraEnvironment: git);
        Assert.True(clone.ExitCode == 0, clone + world.AgentLog);
        var work = _local.Combine("work");
        await File.WriteAllTextAsync(Path.Combine(work, "README"), "pushed through eic\n");
        await world.RunAsync("git", ["add", "README"], workingDirectory: work, extraEnvironment: git);
        await world.RunAsync("git", ["commit", "-q", "-m", "first"], workingDirectory: work, extraEnvironment: git);
        var push = await world.RunAsync("git", ["push", "-q", "origin", "HEAD"], workingDirectory: work, extraEnvironment: git);
        Assert.True(push.ExitCode == 0, push + world.AgentLog);

        var remoteLog = await world.SshAsync("web-1.eic", $"git -C {_remoteName}.git log --format=%s");
        Assert.Equal("first\n", remoteLog.StandardOutput);
    }

    [Fact]
    public async Task The_VS_Code_Remote_SSH_invocation_runs_its_script_with_a_dynamic_forward()
    {
        var port = FreePort.Next();
        var script = "echo \"remote-ssh:$(whoami):$SHELL\"\nexit 0\n";

        var result = await world.RunAsync("ssh", ["-F", world.ConfigPath, "-T", "-D", port.ToString(), "-o", "ConnectTimeout=15", "web-2.eic", "bash"], script);

        Assert.True(result.ExitCode == 0, result + world.AgentLog);
        Assert.StartsWith("remote-ssh:ec2-user:", result.StandardOutput);
    }

    public void Dispose() => _local.Dispose();
}
