using EicAgent.Testing;
using Xunit;

namespace EicAgent.EndToEnd.Tests;

/// <summary>
/// What a process on an instance prints to its console cannot change which host keys eic vouches for, and a '*'
/// typed in a name is not a DescribeInstances wildcard.
/// </summary>
[Collection(EicWorldCollection.Name)]
public sealed class HostileConsoleAndNameTests(EicWorld world) : IDisposable
{
    private readonly TemporaryDirectory _directory = new("eic-hostile-console-");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task A_forged_later_host_key_block_is_not_believed()
    {
        var forged = await Web1Aws.GenerateHostKeyAsync(_directory);
        await using var aws = await AwsWhoseWeb1ConsoleEndsWithAsync(
            $"-----BEGIN SSH HOST KEY KEYS-----\n{forged} root@forged\n-----END SSH HOST KEY KEYS-----\n");

        var listed = await KnownHostsAsync(aws, "web-1.eic");

        Assert.True(listed.ExitCode == 0, listed.ToString());
        Assert.Equal("", listed.StandardOutput);
        Assert.DoesNotContain(forged.Split(' ')[1], listed.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("do not agree", listed.StandardError, StringComparison.Ordinal);
        Assert.Single(listed.StandardError.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public async Task A_later_empty_block_does_not_switch_verification_off_and_ssh_still_verifies_the_boot_key()
    {
        await using var aws = await AwsWhoseWeb1ConsoleEndsWithAsync("ec2: -----BEGIN SSH HOST KEY KEYS-----\nec2: -----END SSH HOST KEY KEYS-----\n");
        var empty = _directory.Combine("known_hosts");
        await File.WriteAllTextAsync(empty, "");
        var environment = AwsEnvironment(aws);

        var listed = await KnownHostsAsync(aws, "web-1.eic");
        var login = await world.RunAsync(
            "ssh",
            ["-F", world.ConfigPath, "-o", $"UserKnownHostsFile={empty}", "-o", "GlobalKnownHostsFile=/dev/null", "-o", "StrictHostKeyChecking=yes",
                "-o", $"KnownHostsCommand={EicWorld.EicPath} known-hosts --socket {NoAgentSocket} %H %h", "web-1.eic", "echo verified"],
            extraEnvironment: environment);

        Assert.Equal($"web-1.eic {string.Join(' ', aws.Instance("web-1").HostPublicKey.Split(' ')[..2])}\n", listed.StandardOutput);
        Assert.True(login.ExitCode == 0, login + world.AgentLog);
        Assert.Equal("verified\n", login.StandardOutput);
    }

    [Fact]
    public async Task A_star_in_a_name_matches_only_a_star()
    {
        var pushesBefore = world.PushCount;

        var login = await world.SshAsync("w*1.eic", "true");

        Assert.NotEqual(0, login.ExitCode);
        Assert.Equal(pushesBefore, world.PushCount);
        Assert.Contains("w*1", login.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain(world.Sim.Instance("web-1").InstanceId, login.StandardError, StringComparison.Ordinal);
    }

    /// <summary>
    /// A second AWS whose web-1 console first shows its own host key (printed at boot), then <paramref name="appendix"/>,
    /// as any process on the instance could print later. ssh run with its environment goes to its web-1 (the caller's
    /// context decides), under an instance id of its own so no host key cached for the world's web-1 applies.
    /// </summary>
    private static Task<Simulator.Simulator> AwsWhoseWeb1ConsoleEndsWithAsync(string appendix) =>
        Web1Aws.StartAsync(web1 => web1 with { InstanceId = "i-0a1b2c3d4e5f0e1e1", ConsoleAppendix = appendix });

    // No agent on this socket: the command asks the given AWS itself (the world's agent would ask the world's AWS).
    private Task<ProcessResult> KnownHostsAsync(Simulator.Simulator aws, string host) =>
        world.RunAsync(EicWorld.EicPath, ["known-hosts", "--socket", NoAgentSocket, host], extraEnvironment: AwsEnvironment(aws));

    private string NoAgentSocket => _directory.Combine("no-agent.sock");

    private Dictionary<string, string?> AwsEnvironment(Simulator.Simulator aws) =>
        new(aws.Environment.ToDictionary(e => e.Key, e => (string?)e.Value)) { ["XDG_CACHE_HOME"] = _directory.Combine("cache") };
}
