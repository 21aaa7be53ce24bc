using Xunit;

namespace EicAgent.EndToEnd.Tests;

/// <summary>`eic ssh`: the real ssh without any ssh_config of ours, the image's user, the remote exit status.</summary>
[Collection(EicWorldCollection.Name)]
public sealed class SshCommandTests(EicWorld world)
{
    [Fact]
    public async Task Logs_in_as_the_images_user_and_passes_the_exit_status_through()
    {
        var run = await EicSshAsync("ubuntu-1", "whoami; exit 7");

        Assert.True(run.ExitCode == 7, run + world.AgentLog);
        Assert.Equal("ubuntu\n", run.StandardOutput);
    }

    [Fact]
    public async Task A_user_given_before_the_at_sign_wins()
    {
        var run = await EicSshAsync("ec2-user@web-1", "whoami");

        Assert.True(run.ExitCode == 0, run + world.AgentLog);
        Assert.Equal("ec2-user\n", run.StandardOutput);
    }

    [Fact]
    public async Task Profile_and_region_flags_reach_the_proxy_and_the_host_key_lookup()
    {
        var run = await EicSshAsync("web-1", "whoami", ["--region", world.Sim.Region]);
        var elsewhere = await EicSshAsync("ec2-user@web-1", "whoami", ["--region", "eu-west-3"]);

        Assert.True(run.ExitCode == 0, run + world.AgentLog);
        Assert.Equal("ec2-user\n", run.StandardOutput);
        Assert.Equal(255, elsewhere.ExitCode);
        Assert.Contains("eu-west-3", elsewhere.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_target_is_one_line_and_a_failure_before_ssh_runs()
    {
        var run = await EicSshAsync("no-such-instance", "true");

        Assert.Equal(1, run.ExitCode);
        Assert.Single(run.StandardError.TrimEnd('\n').Split('\n'));
        Assert.Contains("no-such-instance", run.StandardError, StringComparison.Ordinal);
    }

    // No -F: only the user's own ssh_config (none here) and what eic ssh adds; strict checking, so host keys come from the console.
    private Task<Testing.ProcessResult> EicSshAsync(string destination, string command, string[]? eicOptions = null) => world.RunAsync(
        EicWorld.EicPath,
        ["ssh", "--socket", world.SocketPath, .. eicOptions ?? [], destination, "-p", world.Sim.SshPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=yes", "-o", $"UserKnownHostsFile={Path.Combine(world.Directory, "empty_known_hosts")}",
            "-o", "GlobalKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR", command],
        extraEnvironment: new Dictionary<string, string?> { ["XDG_CACHE_HOME"] = Path.Combine(world.Directory, "eic-ssh-cache") });
}
