using EicAgent.Testing;
using Xunit;

namespace EicAgent.EndToEnd.Tests;

/// <summary>
/// `eic doctor` follows what `ssh -G` resolves and logs in for real: for each way `ssh TARGET` fails although
/// every AWS link is fine, doctor fails too, with a fix.
/// </summary>
[Collection(EicWorldCollection.Name)]
public sealed class DoctorConnectionTests(EicWorld world)
{
    [Fact]
    public async Task A_reachable_instance_passes_the_ssh_target_agent_and_login_checks()
    {
        var result = await DoctorAsync(["web-1.eic"], world.ConfigPath);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"ok   ssh target: ssh logs in as ec2-user, port {world.Sim.SshPort}, through `", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains($"ok   ssh's agent: pid ", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains($"ok   login: `ssh web-1.eic true` logged in as ec2-user on port {world.Sim.SshPort}\n", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_user_the_instance_does_not_have_fails_the_login_although_the_push_passes()
    {
        var ssh = await world.SshAsync("ubuntu@web-1.eic", "true");
        Assert.NotEqual(0, ssh.ExitCode);

        var result = await DoctorAsync(["ubuntu@web-1.eic"], world.ConfigPath);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("ok   push permission: IAM lets you push a key for ubuntu", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("FAIL login: `ssh ubuntu@web-1.eic true` failed: ", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("Permission denied", result.StandardOutput, StringComparison.Ordinal);
        AssertFix(result, "login", "EC2 Instance Connect cannot create users, so ubuntu may not exist on this instance");
    }

    [Fact]
    public async Task A_port_from_the_users_ssh_config_where_nothing_listens_fails_the_login_naming_that_port()
    {
        var config = Path.Combine(world.Directory, "doctor-port-9.config");
        await File.WriteAllTextAsync(config, "Host web-1.eic\n    Port 9\n" + await File.ReadAllTextAsync(world.ConfigPath));
        var ssh = await world.RunAsync("ssh", ["-F", config, "web-1.eic", "true"]);
        Assert.NotEqual(0, ssh.ExitCode);

        var result = await DoctorAsync(["web-1.eic"], config);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("ok   ssh target: ssh logs in as ec2-user, port 9, through `", result.StandardOutput, StringComparison.Ordinal);
        AssertFix(result, "login", "ssh uses port 9 (from your ssh config; see `ssh -G`)");
    }

    [Fact]
    public async Task A_host_block_above_the_eic_block_that_bypasses_eic_fails_the_ssh_target_check()
    {
        var config = Path.Combine(world.Directory, "doctor-bypass.config");
        await File.WriteAllTextAsync(config, "Host web-1.eic\n    ProxyCommand none\n    HostName 127.0.0.1\n    Port 9\n" + await File.ReadAllTextAsync(world.ConfigPath));

        var result = await DoctorAsync(["web-1.eic"], config);

        Assert.Equal(1, result.ExitCode);
        AssertFix(result, "ssh target", "move the Include to the top");
        Assert.Contains("FAIL login: ", result.StandardOutput, StringComparison.Ordinal);
    }

    private Task<ProcessResult> DoctorAsync(string[] arguments, string sshConfig) =>
        world.RunAsync(EicWorld.EicPath, ["doctor", "--socket", world.SocketPath, "--ssh-config", sshConfig, .. arguments]);

    private static void AssertFix(ProcessResult result, string check, string fix)
    {
        var lines = result.StandardOutput.Split('\n');
        var failed = Array.FindIndex(lines, line => line.StartsWith($"FAIL {check}: ", StringComparison.Ordinal));
        Assert.True(failed >= 0, result.ToString());
        Assert.True(lines[failed + 1].StartsWith("  fix: ", StringComparison.Ordinal) && lines[failed + 1].Contains(fix, StringComparison.Ordinal), result.ToString());
    }
}
