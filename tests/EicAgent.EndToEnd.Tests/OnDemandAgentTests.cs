using System.Diagnostics;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Xunit;

namespace EicAgent.EndToEnd.Tests;

/// <summary>No manual step before the first ssh: the ProxyCommand starts the agent when nobody listens.</summary>
[Collection(EicWorldCollection.Name)]
public sealed partial class OnDemandAgentTests(EicWorld world)
{
    [Fact]
    public async Task The_first_ssh_starts_the_agent_which_stays_for_the_next_one()
    {
        var socket = Path.Combine(world.Directory, $"on-demand-{Guid.NewGuid():N}"[..20], "agent.sock");
        var ownAgent = EicWorld.OwnAgentOptions(socket);
        try
        {
            var first = await world.SshAsync([.. ownAgent, "web-1.eic", "echo first"]);
            Assert.True(first.ExitCode == 0, first.ToString());
            var second = await world.SshAsync([.. ownAgent, "web-1.eic", "echo second"]);
            Assert.True(second.ExitCode == 0, second.ToString());

            var status = await world.RunAsync(EicWorld.EicPath, ["status", "--socket", socket]);
            Assert.True(status.ExitCode == 0, status.ToString());
            Assert.Equal("first\n", first.StandardOutput);
            Assert.Equal("second\n", second.StandardOutput);
        }
        finally
        {
            await world.StopAgentAsync(socket);
        }
    }

    [Fact]
    public async Task A_cold_agent_pushes_to_an_instance_id_while_it_looks_the_instance_up()
    {
        var web = world.Sim.Instance("web-2");
        var socket = Path.Combine(world.Directory, $"cold-{Guid.NewGuid():N}"[..20], "agent.sock");
        var ownAgent = EicWorld.OwnAgentOptions(socket);
        string[] onlyTheConnection = ["-o", "KnownHostsCommand none", "-o", $"HostKeyAlias {web.Name}.eic"]; // as the world's known_hosts names it
        var since = world.Sim.Requests.Count;
        world.Sim.Faults[Simulator.AwsService.Ec2].Latency = TimeSpan.FromSeconds(2);
        try
        {
            var login = await world.SshAsync([.. ownAgent, .. onlyTheConnection, $"{web.InstanceId}.eic", "true"]);
            Assert.True(login.ExitCode == 0, login.ToString());

            var calls = world.Sim.Requests.Skip(since).ToArray();
            var push = Assert.Single(calls, call => call.Operation == "SendSSHPublicKey");
            var lookup = Assert.Single(calls, call => call.Operation == "DescribeInstances");
            Assert.True(push.At < lookup.At, $"the push was answered at {push.At:HH:mm:ss.fff}, after the 2 s lookup at {lookup.At:HH:mm:ss.fff}");
        }
        finally
        {
            world.Sim.Faults.Reset();
            await world.StopAgentAsync(socket);
        }
    }

    [Fact]
    public async Task Eic_status_says_whether_there_is_no_socket_or_one_an_agent_left_behind()
    {
        var directory = Path.Combine(world.Directory, $"status-{Guid.NewGuid():N}"[..20]);
        Directory.CreateDirectory(directory);
        var stale = Path.Combine(directory, "stale.sock");
        using (var left = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
        {
            // .NET removes the file of a socket it closes; a crashed agent does not: move it out of .NET's sight.
            left.Bind(new UnixDomainSocketEndPoint(stale + ".bound"));
            File.Move(stale + ".bound", stale);
        }

        var none = await world.RunAsync(EicWorld.EicPath, ["status", "--socket", Path.Combine(directory, "none.sock")]);
        var gone = await world.RunAsync(EicWorld.EicPath, ["status", "--socket", stale]);

        Assert.Equal(1, none.ExitCode);
        Assert.Contains("(no socket there)", none.StandardError, StringComparison.Ordinal);
        Assert.Equal(1, gone.ExitCode);
        Assert.Contains("(a socket left by an agent that has gone)", gone.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Proxies_racing_on_a_cold_socket_start_one_agent_and_all_connect()
    {
        var socket = Path.Combine(world.Directory, $"race-{Guid.NewGuid():N}"[..20], "agent.sock");
        var ownAgent = EicWorld.OwnAgentOptions(socket);
        try
        {
            var logins = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => world.SshAsync([.. ownAgent, "web-1.eic", "true"])));

            Assert.All(logins, login => login.AssertExitCode(0));
            Assert.Single(AgentsOn(socket));
        }
        finally
        {
            await world.StopAgentAsync(socket);
        }
    }

    [Fact]
    public async Task Eic_status_shows_the_agents_binary_and_says_when_it_was_replaced_or_removed()
    {
        using var install = new EicAgent.Testing.TemporaryDirectory("eic-binary-");
        var eic = InstallCopy(install);
        var socket = install.Combine("agent.sock");
        using var agent = Process.Start(world.StartInfo(eic, ["agent", "--socket", socket, "--foreground"]))!;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            Assert.Equal($"listening {socket}", await agent.StandardOutput.ReadLineAsync(timeout.Token));

            var fresh = (await world.RunAsync(EicWorld.EicPath, ["status", "--socket", socket])).AssertExitCode(0);
            File.Copy(EicWorld.EicPath, eic + ".new");
            File.Move(eic + ".new", eic, overwrite: true); // as ./install replaces it
            var replaced = (await world.RunAsync(EicWorld.EicPath, ["status", "--socket", socket])).AssertExitCode(0);
            File.Delete(eic);
            var removed = (await world.RunAsync(EicWorld.EicPath, ["status", "--socket", socket])).AssertExitCode(0);

            Assert.Matches($@"running: eic \S+ from {Regex.Escape(eic)}, started \d{{4}}-\d\d-\d\d \d\d:\d\d:\d\d
", fresh.StandardOutput);
            Assert.DoesNotContain("warning:", fresh.StandardOutput, StringComparison.Ordinal);
            Assert.Contains($"warning: {eic} was replaced since the agent started", replaced.StandardOutput, StringComparison.Ordinal);
            Assert.Contains($"warning: {eic} was removed since the agent started", removed.StandardOutput, StringComparison.Ordinal);
        }
        finally
        {
            agent.Kill();
            await agent.WaitForExitAsync();
        }
    }

    /// <summary>The processes running `eic agent --socket SOCKET` for this test's own socket.</summary>
    private static int[] AgentsOn(string socket) =>
    [
        .. Directory.EnumerateDirectories("/proc").Select(Path.GetFileName).Where(name => name!.All(char.IsAsciiDigit)).Select(int.Parse!)
            .Where(pid =>
            {
                try
                {
                    var arguments = File.ReadAllText($"/proc/{pid}/cmdline").Split('\0');
                    return arguments.Contains("agent") && arguments.Contains(socket);
                }
                catch (IOException)
                {
                    return false;
                }
            }),
    ];

    /// <summary>A copy of the eic executable, beside links to the rest of the build, that a test may replace.</summary>
    private static string InstallCopy(EicAgent.Testing.TemporaryDirectory install)
    {
        foreach (var file in Directory.EnumerateFiles(AppContext.BaseDirectory))
        {
            var name = Path.GetFileName(file);
            if (name != "eic")
            {
                File.CreateSymbolicLink(install.Combine(name), file);
            }
        }

        File.Copy(EicWorld.EicPath, install.Combine("eic"));
        return install.Combine("eic");
    }
}
