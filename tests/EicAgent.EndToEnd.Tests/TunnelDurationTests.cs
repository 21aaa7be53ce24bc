using Xunit;

namespace EicAgent.EndToEnd.Tests;

/// <summary>
/// `eic proxy --max-tunnel-duration`: db-1 is reached through its endpoint, whose tunnel (the simulator's, as AWS's)
/// ends when the duration runs out; the proxy warns on stderr before that, and refuses a duration the endpoint would.
/// The world's policy caps ec2-instance-connect:maxTunnelDuration (<see cref="EicWorld.TunnelCapSeconds"/>): the
/// default (none sent) and a duration within the cap pass, a longer one gets AWS's AccessDenied and eic's hint.
/// </summary>
[Collection(EicWorldCollection.Name)]
public sealed class TunnelDurationTests(EicWorld world)
{
    [Fact]
    public async Task A_short_tunnel_warns_on_stderr_before_the_endpoint_ends_it()
    {
        var result = await world.SshAsync("-o", $"ProxyCommand={EicWorld.EicPath} proxy --socket {world.SocketPath} --max-tunnel-duration 8 %h %p %r",
            "db-1.eic", "sleep 30");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(
            "eic: db-1.eic: the tunnel through EC2 Instance Connect Endpoint ", result.StandardError, StringComparison.Ordinal);
        Assert.Contains(" closes in 4 seconds (it lasts at most 8 seconds): save your work; a new ssh gets a new tunnel", result.StandardError, StringComparison.Ordinal);
        Assert.Contains(" closed -- this tunnel through an EC2 Instance Connect Endpoint lasted its --max-tunnel-duration of 8 seconds; reconnect", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_the_option_no_duration_is_sent_and_the_session_works()
    {
        var result = await world.SshAsync("db-1.eic", "echo tunnel-ok");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("tunnel-ok", result.StandardOutput.Trim());
        Assert.DoesNotContain("the tunnel through", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_duration_above_the_policys_cap_is_refused_in_one_line_that_names_the_flag()
    {
        var result = await world.SshAsync("-o", $"ProxyCommand={EicWorld.EicPath} proxy --socket {world.SocketPath} --max-tunnel-duration 3600 %h %p %r",
            "db-1.eic", "true");

        Assert.Equal(255, result.ExitCode);
        var refusal = result.StandardError.Split('\n').Single(line => line.StartsWith("eic: ", StringComparison.Ordinal));
        Assert.Contains(" refused the tunnel: AccessDenied: ", refusal, StringComparison.Ordinal);
        Assert.EndsWith(
            "; if a policy caps ec2-instance-connect:maxTunnelDuration below the --max-tunnel-duration 3600 asked for, give a lower value or leave the flag out (then none is sent)",
            refusal.TrimEnd('\r'), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_duration_within_the_policys_cap_opens_the_tunnel()
    {
        var result = await world.SshAsync("-o", $"ProxyCommand={EicWorld.EicPath} proxy --socket {world.SocketPath} --max-tunnel-duration {EicWorld.TunnelCapSeconds} %h %p %r",
            "db-1.eic", "echo tunnel-ok");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("tunnel-ok", result.StandardOutput.Trim());
    }

    [Theory]
    [InlineData("0")]
    [InlineData("3601")]
    public async Task A_duration_out_of_range_is_one_line_and_exit_2(string seconds)
    {
        var result = await world.RunAsync(EicWorld.EicPath, ["proxy", "--max-tunnel-duration", seconds, "db-1.eic", "22", "ec2-user"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(
            $"eic: --max-tunnel-duration {seconds} is out of range: an endpoint tunnel lasts 1 to 3600 seconds (see `eic proxy --help`)",
            result.StandardError.TrimEnd('\n'));
    }
}
