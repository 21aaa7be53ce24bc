using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using EicAgent.Simulator.Fleet;
using EicAgent.Simulator.Sshd;
using EicAgent.Testing;
using Xunit;

namespace EicAgent.Simulator.Tests;

/// <summary>Disposing the simulator leaves no sshd (not even a logged-in session) and none of its files behind.</summary>
public sealed class ShutdownTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);

    [SkippableFact]
    public async Task Dispose_kills_every_sshd_with_its_open_sessions_and_removes_the_state_directory()
    {
        SshClientKey.RequireFleetUsers();
        using var key = await SshClientKey.CreateAsync();
        var simulator = await Simulator.StartAsync();
        var stateDirectory = simulator.StateDirectory;
        var web1 = simulator.Instance("web-1");
        var client = new SignedRequestClient(simulator.Endpoint, simulator.Region);
        await client.SendSshPublicKeyAsync(web1.InstanceId, "ec2-user", key.PublicKey, simulator.Caller);
        var mark = web1.SshdLog.LineCount;
        using var session = StartLongSession(key, web1);
        await web1.SshdLog.WaitForLineAsync(l => l.StartsWith("Starting session: command", StringComparison.Ordinal), mark, Bound);
        var listeners = simulator.Instances.Select(i => i.SshdProcessId).OfType<int>().ToArray();
        var everySshd = listeners.Concat(listeners.SelectMany(ProcessTree.Descendants)).ToArray();

        await simulator.DisposeAsync();

        Assert.Equal(6, listeners.Length);
        Assert.True(everySshd.Length > listeners.Length, "the open session has sshd processes of its own");
        Assert.All(everySshd, pid => Assert.True(ProcessTree.IsGone(pid), $"process {pid} outlived the simulator"));
        Assert.False(Directory.Exists(stateDirectory));
        Assert.Empty(ProcessTree.Using(stateDirectory));
        using var bound = new CancellationTokenSource(Bound);
        await session.WaitForExitAsync(bound.Token);
        Assert.Equal(255, session.ExitCode);
    }

    [Fact]
    public async Task A_simulator_that_cannot_start_says_why_and_cleans_up_too()
    {
        using var parent = new TemporaryDirectory();
        using var busy = new TcpListener(IPAddress.Loopback, 0);
        busy.Start();
        var options = new SimulatorOptions { StateDirectoryParent = parent.Path, Port = ((IPEndPoint)busy.LocalEndpoint).Port };

        var error = await Assert.ThrowsAsync<IOException>(() => Simulator.StartAsync(options));

        Assert.Contains("address already in use", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(parent.Path));
    }

    [Fact]
    public async Task What_a_killed_simulator_left_behind_is_removed_by_the_next_one()
    {
        using var parent = new TemporaryDirectory();
        var abandoned = Directory.CreateDirectory(parent.Combine("eic-sim-0123456789ab", "i-0a1b2c3d4e5f00001")).Parent!.FullName;
        var log = Path.Combine(abandoned, "i-0a1b2c3d4e5f00001", "sshd.log");
        await File.WriteAllTextAsync(log, "");
        var deadOwner = await DeadProcessAsync();
        await File.WriteAllTextAsync(Path.Combine(abandoned, "owner"), $"{deadOwner} 1");
        using var leftOver = Process.Start("tail", ["-f", log]);
        var notOursToTouch = Directory.CreateDirectory(parent.Combine("eic-sim-ba9876543210")).FullName;

        await using (await Simulator.StartAsync(new SimulatorOptions { StateDirectoryParent = parent.Path }))
        {
            using var bound = new CancellationTokenSource(Bound);
            await leftOver.WaitForExitAsync(bound.Token);
            Assert.False(Directory.Exists(abandoned));
            Assert.True(Directory.Exists(notOursToTouch), "a directory with no owner may be a simulator still starting");
        }
    }

    [Fact]
    public async Task Options_that_cannot_work_are_refused_before_anything_starts()
    {
        var duplicate = FleetDefinition.Default with { Instances = [.. FleetDefinition.Default.Instances, FleetDefinition.Default.Instances[0]] };

        var port = await Assert.ThrowsAsync<ArgumentException>(() => Simulator.StartAsync(new SimulatorOptions { Port = 70000 }));
        var fleet = await Assert.ThrowsAsync<ArgumentException>(() => Simulator.StartAsync(new SimulatorOptions { Fleet = duplicate }));

        Assert.Equal("the HTTP port must be 0-65535, not 70000", port.Message);
        Assert.Equal("instance ids must be unique", fleet.Message);
    }

    private static async Task<int> DeadProcessAsync()
    {
        using var process = Process.Start("true");
        await process.WaitForExitAsync();
        return process.Id;
    }

    private static Process StartLongSession(SshClientKey key, SimulatedInstance instance)
    {
        var startInfo = new ProcessStartInfo("ssh")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in (string[])[
            "-F", "/dev/null", "-i", key.PrivateKeyPath, "-o", "IdentitiesOnly=yes", "-o", "IdentityAgent=none",
            "-o", "UserKnownHostsFile=/dev/null", "-o", "StrictHostKeyChecking=no", "-o", "BatchMode=yes",
            "-p", instance.SshPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            $"ec2-user@{instance.SshAddress}", "sleep", "60"])
        {
            startInfo.ArgumentList.Add(argument);
        }

        return Process.Start(startInfo)!;
    }
}
