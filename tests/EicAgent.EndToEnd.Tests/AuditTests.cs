using System.Globalization;
using System.Text.Json;
using Xunit;

namespace EicAgent.EndToEnd.Tests;

/// <summary>The audit file after real ssh sessions: what was pushed or refused, for whom, and how long the connection lasted.</summary>
[Collection(EicWorldCollection.Name)]
public sealed class AuditTests(EicWorld world)
{
    [Fact]
    public async Task A_session_leaves_a_pushed_line_and_a_closed_line_with_its_duration()
    {
        var since = DateTimeOffset.UtcNow.AddMilliseconds(-1);
        await using var follower = AuditFollower.Start(world);
        var web1 = world.Sim.Instance("web-1");

        var ssh = await world.SshAsync("web-1.eic", "true");
        var push = await follower.NextAsync(e => IsPushSince(e, since, "ec2-user"), "the push line");
        var closed = await follower.NextAsync(e => e.GetProperty("event").GetString() == "closed"
            && e.GetProperty("connection").GetString() == push.GetProperty("connection").GetString(), "the closed line");

        Assert.True(ssh.ExitCode == 0, ssh.ToString());
        // "rode" when another test's key for web-1 and ec2-user was still open: the line names that push all the same.
        Assert.Contains(push.GetProperty("result").GetString(), new[] { "pushed", "rode" });
        Assert.Equal("web-1.eic", push.GetProperty("target").GetString());
        Assert.Equal(web1.InstanceId, push.GetProperty("instance").GetString());
        Assert.Equal(world.Sim.Region, push.GetProperty("region").GetString());
        Assert.StartsWith("SHA256:", push.GetProperty("fingerprint").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(push.GetProperty("request_id").GetString()));
        Assert.True(push.GetProperty("ssh_pid").GetInt32() > 1);
        Assert.InRange(closed.GetProperty("duration_s").GetDouble(), 0.0, 90.0);
        Assert.Equal(130, await follower.InterruptAsync()); // 128 + SIGINT, as shells report Ctrl-C
    }

    [Fact]
    public async Task A_push_IAM_denies_is_logged_as_failed_with_the_reason()
    {
        var since = DateTimeOffset.UtcNow.AddMilliseconds(-1);
        await using var follower = AuditFollower.Start(world);

        var ssh = await world.SshAsync($"{EicWorld.DeniedUser}@web-1.eic", "true");
        var push = await follower.NextAsync(e => IsPushSince(e, since, EicWorld.DeniedUser), "the failed push line");

        Assert.NotEqual(0, ssh.ExitCode);
        Assert.Equal("failed", push.GetProperty("result").GetString());
        Assert.Contains("SendSSHPublicKey", push.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_connection_refused_before_any_push_is_logged_with_the_reason_and_shown_by_eic_log()
    {
        var since = DateTimeOffset.UtcNow.AddMilliseconds(-1);
        await using var follower = AuditFollower.Start(world);

        var ssh = await world.SshAsync("stopped-1.eic", "true");
        var refused = await follower.NextAsync(e => e.GetProperty("event").GetString() == "refused"
            && e.GetProperty("target").GetString() == "stopped-1.eic"
            && DateTimeOffset.Parse(e.GetProperty("time").GetString()!, CultureInfo.InvariantCulture) >= since, "the refused line");
        var table = await world.RunAsync(EicWorld.EicPath, ["log", "-n", "1000"]);

        Assert.NotEqual(0, ssh.ExitCode);
        Assert.Contains("stopped", refused.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal("ec2-user", refused.GetProperty("user").GetString());
        Assert.Equal(world.Sim.Region, refused.GetProperty("region").GetString());
        Assert.False(refused.TryGetProperty("fingerprint", out _));
        Assert.Contains(table.StandardOutput.Split('\n'), row => row.Contains("refused", StringComparison.Ordinal)
            && row.Contains("stopped-1.eic: ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_audit_file_is_private_and_holds_no_key_material()
    {
        var ssh = await world.SshAsync("web-2.eic", "true");
        Assert.True(ssh.ExitCode == 0, ssh.ToString());
        var text = await File.ReadAllTextAsync(world.AuditPath);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(world.AuditPath));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute,
            File.GetUnixFileMode(Path.GetDirectoryName(world.AuditPath)!));
        Assert.DoesNotContain("ssh-ed25519", text, StringComparison.Ordinal);
        Assert.DoesNotContain("PRIVATE KEY", text, StringComparison.Ordinal);
        Assert.DoesNotContain("AAAA", text, StringComparison.Ordinal);
        Assert.All(text.Split('\n', StringSplitOptions.RemoveEmptyEntries), line => JsonDocument.Parse(line).Dispose());
    }

    [Fact]
    public async Task Eic_log_shows_the_last_entries_as_a_table_and_as_json()
    {
        var ssh = await world.SshAsync("web-1.eic", "true");
        Assert.True(ssh.ExitCode == 0, ssh.ToString());
        var instanceId = world.Sim.Instance("web-1").InstanceId;

        var table = await world.RunAsync(EicWorld.EicPath, ["log", "-n", "1000"]);
        var json = await world.RunAsync(EicWorld.EicPath, ["log", "--json", "-n", "2"]);

        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.StartsWith("TIME", table.StandardOutput, StringComparison.Ordinal);
        Assert.Contains(table.StandardOutput.Split('\n'), row => row.Contains(instanceId, StringComparison.Ordinal)
            && row.Contains("pushed", StringComparison.Ordinal) && row.Contains("ec2-user", StringComparison.Ordinal));
        Assert.Equal(2, json.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task Eic_log_refuses_a_negative_count()
    {
        var result = await world.RunAsync(EicWorld.EicPath, ["log", "-n", "-3"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("-n", result.StandardError, StringComparison.Ordinal);
    }

    private static bool IsPushSince(JsonElement entry, DateTimeOffset since, string user) =>
        entry.GetProperty("event").GetString() == "push"
        && entry.GetProperty("user").GetString() == user
        && DateTimeOffset.Parse(entry.GetProperty("time").GetString()!, CultureInfo.InvariantCulture) >= since;
}
