using Xunit;

namespace EicAgent.EndToEnd.Tests;

/// <summary>
/// A user that the instance does not have (or refuses, as root): EC2 Instance Connect takes the key, sshd turns it
/// down, and ssh says only "Permission denied (publickey)". The proxy's line comes right after it -- where the agent
/// offers the key (macOS, Windows, a ProxyCommand without --key-file): an ssh that reads its key from its key file
/// signs without asking the instance first, so nobody but ssh learns that the instance refused it.
/// </summary>
[Collection(EicWorldCollection.Name)]
public sealed class WrongOsUserTests(EicWorld world)
{
    [Theory]
    [InlineData("root")]
    [InlineData(EicWorld.AbsentUser)]
    public async Task After_sshs_refusal_the_proxy_says_the_push_succeeded_and_the_user_probably_does_not_exist(string user)
    {
        var web1 = world.Sim.Instance("web-1").InstanceId;
        var pushesBefore = world.PushCount;

        var result = await world.SshAsync("-o", "LogLevel=INFO", OfferingProxyCommand, $"{user}@web-1.eic", "true");

        Assert.Equal(255, result.ExitCode);
        Assert.True(world.PushCount > pushesBefore, "the key was pushed for the wrong user: " + result);
        var lines = result.StandardError.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        var denied = Array.FindIndex(lines, line => line.EndsWith("Permission denied (publickey).", StringComparison.Ordinal));
        Assert.True(denied >= 0 && denied == lines.Length - 2, result.ToString());
        Assert.Equal(
            $"eic: web-1.eic ({web1}): EC2 Instance Connect accepted the key for {user}, but the instance did not: {user} probably does not exist there "
            + "(EC2 Instance Connect cannot create users; most AMIs refuse root) -- log in as the AMI's user, usually ec2-user, ubuntu or admin: `ssh ec2-user@web-1.eic`",
            lines[^1]);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_login_that_works_gets_no_such_line(bool offered)
    {
        var result = await world.SshAsync(["-o", "LogLevel=INFO", .. offered ? new[] { OfferingProxyCommand } : [], "web-1.eic", "true"]);

        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain("eic:", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_push_that_AWS_refused_keeps_its_own_reason_and_no_guess_about_the_user()
    {
        var result = await world.SshAsync("-o", "LogLevel=INFO", $"{EicWorld.DeniedUser}@web-1.eic", "true");

        Assert.Equal(255, result.ExitCode);
        Assert.DoesNotContain("probably does not exist", result.StandardError, StringComparison.Ordinal);
    }

    /// <summary>The block's ProxyCommand without --key-file: the agent offers the key, as on macOS and Windows.</summary>
    private string OfferingProxyCommand => $"-oProxyCommand={EicWorld.EicPath} proxy --socket {world.SocketPath} %h %p %r";
}
