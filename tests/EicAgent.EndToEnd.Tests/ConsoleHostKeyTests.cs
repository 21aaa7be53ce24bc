using EicAgent.Testing;
using Xunit;

namespace EicAgent.EndToEnd.Tests;

/// <summary>
/// The block on Linux and macOS: the agent writes the host keys the instance's console showed into its known_hosts
/// file, which the block names as a GlobalKnownHostsFile, before the proxy connects. With an EMPTY known_hosts of
/// the user's and StrictHostKeyChecking=yes, ssh verifies the first login; it refuses a server whose key the
/// console does not show. No KnownHostsCommand runs.
/// </summary>
[Collection(EicWorldCollection.Name)]
public sealed class ConsoleHostKeyTests(EicWorld world) : IDisposable
{
    private readonly TemporaryDirectory _directory = new("eic-console-host-keys-");

    public void Dispose() => _directory.Dispose();

    [Theory]
    [InlineData("web-2.eic")]
    [InlineData("web-1")] // by its instance id
    public async Task Ssh_verifies_the_first_login_with_an_empty_known_hosts_and_strict_checking(string host)
    {
        var login = await SshWithEmptyKnownHostsAsync([], host.EndsWith(".eic", StringComparison.Ordinal) ? host : world.Sim.Instance(host).InstanceId, "echo verified");

        Assert.True(login.ExitCode == 0, login + world.AgentLog);
        Assert.Equal("verified\n", login.StandardOutput);
        Assert.Equal("", login.StandardError);
    }

    [Fact]
    public async Task A_host_key_alias_is_the_name_ssh_finds_the_key_under()
    {
        var login = await SshWithEmptyKnownHostsAsync(["-o", "HostKeyAlias=eic-alias-of-web-1"], "web-1.eic", "echo verified");

        Assert.True(login.ExitCode == 0, login + world.AgentLog);
        Assert.Contains($"eic-alias-of-web-1 {KeyOf("web-1")}", AgentKnownHosts(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_the_agents_file_the_same_ssh_refuses()
    {
        var login = await SshWithEmptyKnownHostsAsync(["-o", "GlobalKnownHostsFile=/dev/null"], "web-1.eic", "echo verified");

        Assert.Equal(255, login.ExitCode);
        Assert.Contains("Host key verification failed", login.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ssh_refuses_an_instance_whose_console_shows_another_key()
    {
        // A second AWS whose web-1 console lists a key its sshd does not have; the caller's context sends the
        // connection there, under an instance id of its own so that no key cached for the world's web-1 applies.
        var otherKey = await Web1Aws.GenerateHostKeyAsync(_directory);
        await using var lyingAws = await Web1Aws.StartAsync(web1 => web1 with { InstanceId = "i-0a1b2c3d4e5f0c0c1", ConsoleHostKeyOverride = otherKey });

        var login = await SshWithEmptyKnownHostsAsync([], "web-1.eic", "echo verified", lyingAws.Environment.ToDictionary(e => e.Key, e => (string?)e.Value));

        Assert.Equal(255, login.ExitCode);
        Assert.Contains("Host key verification failed", login.StandardError, StringComparison.Ordinal);
        Assert.Equal("", login.StandardOutput);
        // ssh stopped before user authentication: nothing to say about the OS user.
        Assert.DoesNotContain("probably does not exist", login.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_console_that_vouches_for_no_key_is_one_line_from_eic_and_ssh_checks_as_it_would_without_eic()
    {
        // A later block that disagrees with the one printed at boot: the console vouches for no key at all.
        var forged = await Web1Aws.GenerateHostKeyAsync(_directory);
        await using var forgingAws = await Web1Aws.StartAsync(web1 => web1 with
        {
            InstanceId = "i-0a1b2c3d4e5f0c0c2",
            ConsoleAppendix = $"-----BEGIN SSH HOST KEY KEYS-----\n{forged} root@forged\n-----END SSH HOST KEY KEYS-----\n",
        });

        var login = await SshWithEmptyKnownHostsAsync([], "web-1.eic", "echo verified", forgingAws.Environment.ToDictionary(e => e.Key, e => (string?)e.Value));

        Assert.Equal(255, login.ExitCode);
        var eicLine = Assert.Single(login.StandardError.Split('\n'), line => line.StartsWith("eic: i-0a1b2c3d4e5f0c0c2: ", StringComparison.Ordinal));
        Assert.EndsWith("; ssh's own host key checking applies", eicLine, StringComparison.Ordinal);
        Assert.DoesNotContain(forged.Split(' ')[1], AgentKnownHosts(), StringComparison.Ordinal);
        Assert.Contains("Host key verification failed", login.StandardError, StringComparison.Ordinal);
    }

    private async Task<ProcessResult> SshWithEmptyKnownHostsAsync(string[] options, string host, string command, Dictionary<string, string?>? environment = null)
    {
        var empty = _directory.Combine("known_hosts");
        await File.WriteAllTextAsync(empty, "");
        return await world.RunAsync(
            "ssh", ["-F", world.ConfigPath, "-o", $"UserKnownHostsFile={empty}", "-o", "StrictHostKeyChecking=yes", .. options, host, command],
            extraEnvironment: environment);
    }

    private string AgentKnownHosts() => File.ReadAllText(Path.Combine(Path.GetDirectoryName(world.SocketPath)!, "eic_known_hosts"));

    private string KeyOf(string name) => string.Join(' ', world.Sim.Instance(name).HostPublicKey.Split(' ')[..2]);
}
