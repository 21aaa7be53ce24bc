using System.Net;
using EicAgent.Simulator.Fleet;
using Xunit;

namespace EicAgent.Simulator.Tests;

/// <summary>The real ssh against the instances' real sshd: only a key pushed for that instance and user, within 60 s, logs in.</summary>
public sealed class SshAccessTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    private static readonly TimeSpan LogWait = TimeSpan.FromSeconds(10);

    private Simulator Sim => fixture.Simulator;

    [SkippableFact]
    public async Task A_pushed_key_logs_in_several_times_within_its_window_without_a_refused_offer()
    {
        using var key = await SshClientKey.CreateAsync();
        var web1 = Sim.Instance("web-1");
        await PushAsync(web1, "ec2-user", key);
        var mark = web1.SshdLog.LineCount;

        for (var login = 0; login < 3; login++)
        {
            var result = await key.LoginAsync(web1, "ec2-user");
            Assert.True(result.ExitCode == 0, result.ToString());
        }

        await web1.SshdLog.WaitForLinesAsync(l => l.StartsWith("Accepted publickey for ec2-user", StringComparison.Ordinal), mark, 3, LogWait);
        await web1.SshdLog.WaitForLinesAsync(l => l.Contains("Disconnected from user ec2-user", StringComparison.Ordinal), mark, 3, LogWait);
        Assert.DoesNotContain(web1.SshdLog.LinesAfter(mark), l => l.StartsWith("Failed publickey", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task A_key_pushed_for_one_instance_is_refused_by_another()
    {
        using var key = await SshClientKey.CreateAsync();
        await PushAsync(Sim.Instance("web-1"), "ec2-user", key);
        var web2 = Sim.Instance("web-2");
        var mark = web2.SshdLog.LineCount;

        var result = await key.LoginAsync(web2, "ec2-user");

        Assert.Equal(255, result.ExitCode);
        Assert.Contains("Permission denied (publickey)", result.StandardError, StringComparison.Ordinal);
        await web2.SshdLog.WaitForLineAsync(l => l.StartsWith("Connection closed by authenticating user ec2-user", StringComparison.Ordinal), mark, LogWait);
    }

    [SkippableFact]
    public async Task A_key_pushed_for_one_user_is_refused_for_another()
    {
        using var key = await SshClientKey.CreateAsync();
        var web1 = Sim.Instance("web-1");
        await PushAsync(web1, "ec2-user", key);

        var result = await key.LoginAsync(web1, "admin");

        Assert.Equal(255, result.ExitCode);
        Assert.Contains("Permission denied (publickey)", result.StandardError, StringComparison.Ordinal);
        Assert.True((await key.LoginAsync(web1, "ec2-user")).ExitCode == 0, "the key works for the user it was pushed for");
    }

    [SkippableFact]
    public async Task A_key_is_refused_once_its_60_seconds_are_over()
    {
        using var key = await SshClientKey.CreateAsync();
        var web2 = Sim.Instance("web-2");
        await PushAsync(web2, "ec2-user", key);
        // Seconds of slack: the clock also runs on while ssh logs in on a busy machine.
        fixture.Clock.Advance(TimeSpan.FromSeconds(50));
        var within = await key.LoginAsync(web2, "ec2-user");
        Assert.True(within.ExitCode == 0, within.ToString());

        fixture.Clock.Advance(TimeSpan.FromSeconds(11));
        var result = await key.LoginAsync(web2, "ec2-user");

        Assert.Equal(255, result.ExitCode);
        Assert.Contains("Permission denied (publickey)", result.StandardError, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task An_unpushed_key_is_refused_and_the_refusal_is_logged()
    {
        using var key = await SshClientKey.CreateAsync();
        var ubuntu = Sim.Instance("ubuntu-1");
        var mark = ubuntu.SshdLog.LineCount;

        var result = await key.LoginAsync(ubuntu, "ubuntu");

        Assert.Equal(255, result.ExitCode);
        await ubuntu.SshdLog.WaitForLineAsync(l => l.StartsWith("Connection closed by authenticating user ubuntu", StringComparison.Ordinal), mark, LogWait);
        Assert.True(File.ReadAllText(ubuntu.SshdLog.Path).Length > 0);
    }

    [SkippableFact]
    public async Task The_ubuntu_instance_lets_ubuntu_in_at_its_public_address_but_its_private_one_is_out_of_reach()
    {
        using var key = await SshClientKey.CreateAsync();
        var ubuntu = Sim.Instance("ubuntu-1");
        await PushAsync(ubuntu, "ubuntu", key);

        Assert.Equal(0, (await key.LoginAsync(ubuntu, "ubuntu", ubuntu.PublicIpAddress)).ExitCode);
        var direct = await key.LoginAsync(ubuntu, "ubuntu", ubuntu.PrivateIpAddress);
        Assert.Equal(255, direct.ExitCode);
        Assert.Contains("Connection refused", direct.StandardError, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task The_instance_hands_sshd_only_the_key_it_asks_about_so_many_pushed_keys_each_log_in()
    {
        using var first = await SshClientKey.CreateAsync();
        using var second = await SshClientKey.CreateAsync();
        var web2 = Sim.Instance("web-2");
        await PushAsync(web2, "ec2-user", first);
        await PushAsync(web2, "ec2-user", second);
        var fingerprint = Uri.EscapeDataString(Keys.OpenSshPublicKey.Fingerprint(second.PublicKey));
        using var http = new HttpClient { BaseAddress = new Uri(Sim.Environment["AWS_ENDPOINT_URL"]) };

        var asked = await http.GetStringAsync($"/instances/{web2.InstanceId}/keys/ec2-user?fingerprint={fingerprint}");
        var all = await http.GetStringAsync($"/instances/{web2.InstanceId}/keys/ec2-user");

        Assert.Equal(second.PublicKey.Trim() + "\n", asked);
        Assert.Contains(first.PublicKey.Trim(), all, StringComparison.Ordinal);
        Assert.Equal(0, (await first.LoginAsync(web2, "ec2-user")).ExitCode);
        Assert.Equal(0, (await second.LoginAsync(web2, "ec2-user")).ExitCode);
    }

    [SkippableFact]
    public async Task The_stopped_instance_has_no_sshd_listening()
    {
        using var key = await SshClientKey.CreateAsync();
        var stopped = Sim.Instance("stopped-1");

        var result = await key.LoginAsync(stopped, "ec2-user", stopped.PublicIpAddress);

        Assert.Equal(InstanceStateName.Stopped, stopped.State);
        Assert.Equal(255, result.ExitCode);
        Assert.Contains("Connection refused", result.StandardError, StringComparison.Ordinal);
    }

    private async Task PushAsync(SimulatedInstance instance, string user, SshClientKey key)
    {
        var answer = await fixture.InstanceConnect.SendSshPublicKeyAsync(instance.InstanceId, user, key.PublicKey, Sim.Caller);
        Assert.True(answer.Status == HttpStatusCode.OK, answer.Body);
    }
}
