using EicAgent.Testing;
using Xunit;

namespace EicAgent.EndToEnd.Tests;

/// <summary>`eic doctor` against the simulator: each check passing, and each failing with its fix and exit code 1.</summary>
[Collection(EicWorldCollection.Name)]
public sealed class DoctorTests(EicWorld world)
{
    [Fact]
    public async Task Every_check_passes_for_a_reachable_instance_and_the_exit_code_is_0()
    {
        var result = await DoctorAsync(["web-1.eic"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        foreach (var check in new[] { "ssh", "ssh config", "agent", "region", "credentials", "instance", "path", "push permission", "host keys" })
        {
            Assert.Contains(Lines(result), line => line.StartsWith($"ok   {check}: ", StringComparison.Ordinal));
        }

        Assert.Contains(world.Sim.Instance("web-1").InstanceId, result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("throwaway", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("arn:aws:", result.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("FAIL", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_instance_without_a_public_address_is_reached_through_the_endpoint_in_its_vpc()
    {
        var result = await DoctorAsync(["db-1.eic"]);

        Assert.Contains(Lines(result), line => line.StartsWith("ok   path: no public address; EC2 Instance Connect Endpoint eice-", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task At_a_terminal_checks_are_marked_with_ticks_and_crosses()
    {
        Skip.IfNot(File.Exists("/usr/bin/script"), "needs util-linux script for a terminal");
        var doctor = $"{EicWorld.EicPath} doctor --socket {world.Directory}/nobody.sock --ssh-config {world.ConfigPath}";

        var result = await world.RunAsync("/usr/bin/script", ["-q", "-e", "-c", doctor, "/dev/null"], standardInput: "");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("✓ ssh config: ", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("✗ agent: ", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_agent_on_the_socket_fails_with_how_to_start_one()
    {
        var result = await DoctorAsync([], socket: world.Directory + "/nobody.sock");

        Assert.Equal(1, result.ExitCode);
        AssertFailure(result, "agent", "eic agent");
    }

    [Fact]
    public async Task No_credentials_fail_with_how_to_configure_them()
    {
        var result = await DoctorAsync(["web-1.eic"], environment: new Dictionary<string, string?>
        {
            ["AWS_ACCESS_KEY_ID"] = null,
            ["AWS_SECRET_ACCESS_KEY"] = null,
            ["AWS_SESSION_TOKEN"] = null,
        });

        Assert.Equal(1, result.ExitCode);
        AssertFailure(result, "credentials", "aws configure");
    }

    [Fact]
    public async Task An_unknown_target_fails_the_instance_check()
    {
        var result = await DoctorAsync(["no-such-host.eic"]);

        Assert.Equal(1, result.ExitCode);
        AssertFailure(result, "instance", "describe-instances");
    }

    [Fact]
    public async Task A_stopped_instance_fails_with_the_command_that_starts_it()
    {
        var result = await DoctorAsync(["stopped-1.eic"]);

        Assert.Equal(1, result.ExitCode);
        AssertFailure(result, "instance", $"start-instances --instance-ids {world.Sim.Instance("stopped-1").InstanceId}");
    }

    [Fact]
    public async Task A_push_IAM_denies_fails_the_push_check_with_the_permission_to_ask_for()
    {
        var result = await DoctorAsync([$"{EicWorld.DeniedUser}@web-1.eic"]);

        Assert.Equal(1, result.ExitCode);
        AssertFailure(result, "push permission", $"ec2:osuser = {EicWorld.DeniedUser}");
    }

    [Fact]
    public async Task An_ssh_config_without_our_block_fails_with_the_include_line_to_add()
    {
        var empty = Path.Combine(world.Directory, "ssh_config.empty");
        await File.WriteAllTextAsync(empty, "Host other\n    User nobody\n");

        var result = await DoctorAsync([], sshConfig: empty);

        Assert.Equal(1, result.ExitCode);
        AssertFailure(result, "ssh config", "Include ~/.ssh/eic_config");
    }

    private Task<ProcessResult> DoctorAsync(
        string[] arguments, string? socket = null, string? sshConfig = null, IReadOnlyDictionary<string, string?>? environment = null) =>
        world.RunAsync(EicWorld.EicPath,
            ["doctor", "--socket", socket ?? world.SocketPath, "--ssh-config", sshConfig ?? world.ConfigPath, .. arguments],
            extraEnvironment: environment);

    private static void AssertFailure(ProcessResult result, string check, string fix)
    {
        var lines = Lines(result);
        var failed = Array.FindIndex(lines, line => line.StartsWith($"FAIL {check}: ", StringComparison.Ordinal));
        Assert.True(failed >= 0, result.ToString());
        Assert.StartsWith("  fix: ", lines[failed + 1], StringComparison.Ordinal);
        Assert.Contains(fix, lines[failed + 1], StringComparison.Ordinal);
    }

    private static string[] Lines(ProcessResult result) => result.StandardOutput.Split('\n');
}
