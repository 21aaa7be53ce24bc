using EicAgent.Testing;
using Xunit;

namespace EicAgent.EndToEnd.Tests;

/// <summary>
/// `eic known-hosts` as ssh's KnownHostsCommand (the block on Windows, and `eic ssh`): with an EMPTY known_hosts,
/// without the agent's known_hosts file and with StrictHostKeyChecking=yes, ssh trusts the key the instance printed
/// to its console, and refuses a server whose key the console does not show. <see cref="ConsoleHostKeyTests"/> has
/// the block on Linux and macOS, where the agent writes that file instead.
/// </summary>
[Collection(EicWorldCollection.Name)]
public sealed class KnownHostsCommandTests(EicWorld world) : IDisposable
{
    private readonly TemporaryDirectory _directory = new("eic-known-hosts-");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Ssh_connects_with_an_empty_known_hosts_file_and_strict_checking()
    {
        var login = await SshWithEmptyKnownHostsAsync([], "web-1.eic", "echo verified");

        Assert.True(login.ExitCode == 0, login + world.AgentLog);
        Assert.Equal("verified\n", login.StandardOutput);
    }

    [Fact]
    public async Task The_agent_answers_from_what_it_resolved_for_the_proxy_without_asking_AWS_again()
    {
        // By an address no other test types, so the agent's 60 s resolution starts with this login, not before it.
        var target = $"{world.Sim.Instance("web-2").PrivateIpAddress}.eic";
        var login = await SshWithEmptyKnownHostsAsync([], target, "true");
        var describesBefore = Describes();

        var again = await SshWithEmptyKnownHostsAsync([], target, "true");

        Assert.True(login.ExitCode == 0 && again.ExitCode == 0, login + "\n" + again + world.AgentLog);
        Assert.Equal(describesBefore, Describes());
    }

    [Fact]
    public async Task Without_the_command_the_same_ssh_refuses()
    {
        var login = await SshWithEmptyKnownHostsAsync(["-o", "KnownHostsCommand=none"], "web-1.eic", "echo verified");

        Assert.Equal(255, login.ExitCode);
        Assert.Contains("Host key verification failed", login.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prints_the_console_key_for_the_name_ssh_asks_about_and_caches_it()
    {
        var web1 = world.Sim.Instance("web-1");
        var expected = $"[web-1.eic]:2222 {string.Join(' ', web1.HostPublicKey.Split(' ')[..2])}\n";

        var first = await KnownHostsAsync("[web-1.eic]:2222");
        var consoleReads = ConsoleReads();
        var second = await KnownHostsAsync("[web-1.eic]:2222");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal(expected, first.StandardOutput);
        Assert.Equal(expected, second.StandardOutput);
        Assert.Equal(consoleReads, ConsoleReads());
        Assert.Single(Directory.GetFiles(_directory.Combine("cache", "eic", "host-keys")));
    }

    [Fact]
    public async Task Ssh_refuses_when_the_console_shows_another_key()
    {
        // A second AWS whose web-1 console lists a key its sshd does not have; the caller's context sends the connection there.
        var otherKey = await Web1Aws.GenerateHostKeyAsync(_directory);
        await using var lyingAws = await Web1Aws.StartAsync(web1 => web1 with { ConsoleHostKeyOverride = otherKey });
        var environment = lyingAws.Environment.ToDictionary(e => e.Key, e => (string?)e.Value);

        // No agent on this socket: the command asks the lying AWS itself (the world's agent would ask the world's AWS).
        var withoutAgent = $"KnownHostsCommand={EicWorld.EicPath} known-hosts --socket {NoAgentSocket} %H %h";

        var listed = await KnownHostsAsync("web-1.eic", environment);
        var login = await SshWithEmptyKnownHostsAsync(["-o", withoutAgent], "web-1.eic", "echo verified", environment);

        Assert.Equal($"web-1.eic {string.Join(' ', otherKey.Split(' ')[..2])}\n", listed.StandardOutput);
        Assert.Equal(255, login.ExitCode);
        Assert.Contains("Host key verification failed", login.StandardError, StringComparison.Ordinal);
        Assert.Equal("", login.StandardOutput);
    }

    /// <summary>The command on its own, asking AWS itself: no agent listens on the socket it is given.</summary>
    private Task<ProcessResult> KnownHostsAsync(string host, Dictionary<string, string?>? environment = null) =>
        world.RunAsync(EicWorld.EicPath, ["known-hosts", "--socket", NoAgentSocket, host], extraEnvironment: WithCache(environment));

    private string NoAgentSocket => _directory.Combine("no-agent.sock");

    private async Task<ProcessResult> SshWithEmptyKnownHostsAsync(
        string[] options, string host, string command, Dictionary<string, string?>? environment = null)
    {
        var empty = _directory.Combine("known_hosts");
        await File.WriteAllTextAsync(empty, "");
        // The options first: ssh takes the first value of each, so theirs win over the command as the block writes it.
        return await world.RunAsync(
            "ssh",
            ["-F", world.ConfigPath, "-o", $"UserKnownHostsFile={empty}", "-o", "GlobalKnownHostsFile=/dev/null", "-o", "StrictHostKeyChecking=yes",
                .. options, "-o", $"KnownHostsCommand={EicWorld.EicPath} known-hosts --socket {world.SocketPath} %H %h", host, command],
            extraEnvironment: WithCache(environment));
    }

    private Dictionary<string, string?> WithCache(Dictionary<string, string?>? environment) =>
        new(environment ?? []) { ["XDG_CACHE_HOME"] = _directory.Combine("cache") };

    private int Describes() =>
        world.Sim.Requests.Count(r => r.Operation == "DescribeInstances");

    private int ConsoleReads() =>
        world.Sim.Requests.Count(r => r.Operation == "GetConsoleOutput" && r.StatusCode == 200);
}
