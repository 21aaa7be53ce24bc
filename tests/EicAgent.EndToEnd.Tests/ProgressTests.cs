using EicAgent.Simulator;
using EicAgent.Testing;
using Xunit;

namespace EicAgent.EndToEnd.Tests;

/// <summary>
/// A slow AWS answer shows "waiting for AWS..." to a person at a terminal and nothing to a script. Each test
/// reaches web-2 by an address no other test uses, so the agent's resolution cache cannot make it fast.
/// </summary>
[Collection(EicWorldCollection.Name)]
public sealed class ProgressTests(EicWorld world)
{
    private const string Progress = "waiting for AWS";

    [Fact]
    public async Task A_scripted_run_stays_quiet_while_AWS_is_slow()
    {
        var web2 = world.Sim.Instance("web-2");

        var result = await WithSlowEc2Async(() => world.SshAsync("-o", $"HostKeyAlias={web2.InstanceId}", $"{web2.PublicIpAddress}.eic", "true"));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.DoesNotContain(Progress, result.StandardError, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_run_at_a_terminal_shows_progress_while_AWS_is_slow_and_clears_it()
    {
        var web2 = world.Sim.Instance("web-2");

        var result = await SshAtTerminalAsync(web2.PrivateIpAddress, quiet: false);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"eic: {web2.PrivateIpAddress}.eic: {Progress}...", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("\r\u001b[K", result.StandardOutput, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task EIC_QUIET_silences_progress_even_at_a_terminal()
    {
        var web2 = world.Sim.Instance("web-2");

        var result = await SshAtTerminalAsync(web2.PrivateDnsName, quiet: true);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.DoesNotContain(Progress, result.StandardOutput, StringComparison.Ordinal);
    }

    /// <summary>ssh with a terminal as stdout and stderr (util-linux `script`), reaching web-2 as <paramref name="address"/>.eic while EC2 is slow.</summary>
    private Task<ProcessResult> SshAtTerminalAsync(string address, bool quiet)
    {
        Skip.IfNot(File.Exists("/usr/bin/script"), "needs util-linux script for a terminal");
        var ssh = $"ssh -F {world.ConfigPath} -o HostKeyAlias={world.Sim.Instance("web-2").InstanceId} {address}.eic true";
        return WithSlowEc2Async(() => world.RunAsync(
            "/usr/bin/script", ["-q", "-e", "-c", ssh, "/dev/null"], standardInput: "",
            extraEnvironment: new Dictionary<string, string?> { ["EIC_QUIET"] = quiet ? "1" : null }));
    }

    private async Task<ProcessResult> WithSlowEc2Async(Func<Task<ProcessResult>> run)
    {
        world.Sim.Faults[AwsService.Ec2].Latency = TimeSpan.FromSeconds(2);
        try
        {
            return await run();
        }
        finally
        {
            world.Sim.Faults[AwsService.Ec2].Latency = TimeSpan.Zero;
        }
    }
}
