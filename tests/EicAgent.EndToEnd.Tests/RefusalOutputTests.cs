using Xunit;

namespace EicAgent.EndToEnd.Tests;

/// <summary>
/// What a terminal shows when eic refuses a connection, at ssh's default LogLevel INFO. OpenSSH itself adds two
/// lines whenever a ProxyCommand ends before the server's banner (kex.c logs the first at ERROR, packet.c's
/// sshpkt_fatal the second at INFO); no exit status or output of the proxy avoids them, so eic's line comes first
/// and README's "What a refusal looks like" quotes this exact shape.
/// </summary>
[Collection(EicWorldCollection.Name)]
public sealed class RefusalOutputTests(EicWorld world)
{
    [Fact]
    public async Task At_the_default_log_level_eics_reason_is_the_first_line_and_ssh_adds_exactly_its_two_lines()
    {
        var result = await world.SshAsync("-o", "LogLevel=INFO", "stopped-1.eic", "true");

        Assert.Equal(255, result.ExitCode);
        var lines = result.StandardError.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        Assert.True(lines.Length == 3, result.ToString());
        Assert.True(lines[0].StartsWith("eic: instance i-0a1b2c3d4e5f00007 (stopped-1) ", StringComparison.Ordinal) && lines[0].Contains(" is stopped: start it with `aws ec2 start-instances", StringComparison.Ordinal), result.ToString());
        Assert.Equal("kex_exchange_identification: Connection closed by remote host", lines[1]);
        Assert.Equal("Connection closed by UNKNOWN port 65535", lines[2]);
    }

    [Fact]
    public async Task LogLevel_ERROR_for_eic_hosts_leaves_eics_reason_and_one_ssh_line()
    {
        var result = await world.SshAsync("-o", "LogLevel=ERROR", "stopped-1.eic", "true");

        Assert.Equal(255, result.ExitCode);
        var lines = result.StandardError.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        Assert.True(lines.Length == 2, result.ToString());
        Assert.True(lines[0].StartsWith("eic: instance i-0a1b2c3d4e5f00007 (stopped-1) ", StringComparison.Ordinal) && lines[0].Contains(" is stopped: start it with `aws ec2 start-instances", StringComparison.Ordinal), result.ToString());
        Assert.Equal("kex_exchange_identification: Connection closed by remote host", lines[1]);
    }
}
