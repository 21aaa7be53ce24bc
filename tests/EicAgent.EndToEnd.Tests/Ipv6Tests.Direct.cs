using System.Security.Cryptography;
using System.Text.Json;
using EicAgent.Testing;
using Xunit;

namespace EicAgent.EndToEnd.Tests;

/// <summary>
/// v6-3, IPv6-only with no endpoint that reaches it and outside Session Manager, at its IPv6 address directly: real
/// ssh and scp through the proxy (`--via direct`, and `--via auto`'s last resort), its host key from
/// its console, and `eic ls` and `eic doctor` naming that address (and the security group rule for IPv6). The simulator's IPv6 addresses answer only
/// when it can make its prefix local, which needs root.
/// </summary>
public sealed partial class Ipv6Tests
{
    [SkippableTheory]
    [InlineData(Ipv6World.Direct)]
    [InlineData(Ipv6World.DirectId)]
    public async Task Ssh_and_scp_reach_an_ipv6_only_instance_at_its_ipv6_address_with_via_direct(string target)
    {
        var v6 = RequireIpv6();
        var local = Path.Combine(world.Directory, $"upload-{Guid.NewGuid():N}");
        await File.WriteAllBytesAsync(local, RandomNumberGenerator.GetBytes(1 << 20));
        var remote = Path.GetFileName(local);
        var connected = $"connect {target}.eic: {Ipv6World.DirectId} at [{v6.Ipv6Address}]:{world.Sim.SshPort} as ec2-user";
        var before = world.AgentLogCount(connected);
        var direct = $"ProxyCommand \"{EicWorld.EicPath}\" proxy --socket \"{world.SocketPath}\" --via direct %h %p %r --known-hosts-name %k";

        var login = await world.SshAsync("-o", direct, $"{target}.eic", "echo reached $(hostname)");
        var copied = await world.RunAsync("scp", ["-F", world.ConfigPath, "-o", direct, local, $"{target}.eic:{remote}"]);
        var checksum = await world.SshAsync("-o", direct, $"{target}.eic", $"sha256sum {remote}");

        Assert.True(login.ExitCode == 0, login + world.AgentLog);
        Assert.Equal($"reached {v6.HostName}", login.StandardOutput.Trim());
        Assert.True(copied.ExitCode == 0, copied.ToString());
        Assert.StartsWith(Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(local))) + " ", checksum.StandardOutput, StringComparison.Ordinal);
        await world.AgentLoggedAsync(connected, before + 3);
    }

    [SkippableFact]
    public async Task Auto_reaches_an_ipv6_only_instance_no_endpoint_reaches_at_its_ipv6_address_last()
    {
        var v6 = RequireIpv6();
        var connected = $"connect {Ipv6World.Direct}.eic: {Ipv6World.DirectId} at [{v6.Ipv6Address}]:{world.Sim.SshPort} as ec2-user";
        var before = world.AgentLogCount(connected);

        var login = await world.SshAsync($"{Ipv6World.Direct}.eic", "echo reached");

        Assert.True(login.ExitCode == 0, login + world.AgentLog);
        Assert.Equal("reached", login.StandardOutput.Trim());
        await world.AgentLoggedAsync(connected, before + 1);
    }

    [SkippableFact]
    public async Task Ssh_to_the_ipv6_address_trusts_the_host_key_from_the_console_with_an_empty_known_hosts()
    {
        var v6 = RequireIpv6();
        var empty = Path.Combine(world.Directory, $"known_hosts-{Guid.NewGuid():N}");
        await File.WriteAllTextAsync(empty, "");
        var strict = new[] { "-o", $"UserKnownHostsFile={empty}", "-o", "StrictHostKeyChecking=yes" };

        var login = await world.SshAsync([.. strict, $"{v6.Ipv6Address}.eic", "echo verified"]);
        var withoutAgentsFile = await world.SshAsync([.. strict, "-o", "GlobalKnownHostsFile=/dev/null", $"{v6.Ipv6Address}.eic", "true"]);

        Assert.True(login.ExitCode == 0, login + world.AgentLog);
        Assert.Equal("verified", login.StandardOutput.Trim());
        Assert.Equal(255, withoutAgentsFile.ExitCode);
        Assert.Contains("Host key verification failed", withoutAgentsFile.StandardError, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Ls_and_doctor_name_the_ipv6_address_as_the_path_and_doctor_logs_in_there()
    {
        var v6 = RequireIpv6();
        var reason = $"no public IPv4 address and no Instance Connect Endpoint that reaches it; IPv6 address {v6.Ipv6Address}";

        var ls = await world.RunAsync(EicWorld.EicPath, ["ls", "--json"]);
        var doctor = await world.RunAsync(EicWorld.EicPath, ["doctor", "--socket", world.SocketPath, "--ssh-config", world.ConfigPath, $"{Ipv6World.Direct}.eic"]);

        Assert.True(ls.ExitCode == 0, ls.ToString());
        using var json = JsonDocument.Parse(ls.StandardOutput);
        var row = json.RootElement.GetProperty("instances").EnumerateArray().Single(r => r.GetProperty("name").GetString() == Ipv6World.Direct);
        Assert.Equal("direct", row.GetProperty("path").GetString());
        Assert.Equal(reason, row.GetProperty("pathReason").GetString());
        // These three checks, not doctor's exit code: a check this test is not about (a push throttled on a busy machine) may fail.
        Assert.True(doctor.StandardOutput.Contains($"ok   path: {reason}, directly, port {world.Sim.SshPort}", StringComparison.Ordinal), doctor.ToString());
        Assert.True(doctor.StandardOutput.Contains($"ok   security groups: {v6.Definition.SecurityGroupIds[0]} (ssh-anywhere) allows tcp 22 from ::/0\n", StringComparison.Ordinal), doctor.ToString());
        Assert.True(doctor.StandardOutput.Contains($"ok   login: `ssh {Ipv6World.Direct}.eic true` logged in as ec2-user", StringComparison.Ordinal), doctor.ToString());
    }

    /// <summary>v6-3, whose IPv6 address must answer when the simulator runs as root (it adds the route then).</summary>
    private Simulator.Fleet.SimulatedInstance RequireIpv6()
    {
        Skip.IfNot(Environment.UserName == "root", "the simulator makes its IPv6 prefix local (ip -6 route add local) only as root");
        var v6 = world.Sim.Instance(Ipv6World.Direct);
        Assert.True(world.Sim.Ipv6Reachable && v6.Ipv6Answers, $"root, yet {v6.Ipv6Address} does not answer: see the simulator's warning");
        return v6;
    }
}
