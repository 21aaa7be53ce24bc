using EicAgent.Cli.Doctor;
using EicAgent.Cli.Status;
using EicAgent.Connect.Tests.Fakes;
using EicAgent.Testing;

namespace EicAgent.Connect.Tests.Doctor;

/// <summary>
/// Doctor's checks of the path ssh itself takes: what `ssh -G` resolves (with the real ssh, and scripted), whether the
/// agent ssh names answers and runs the installed eic, and the login -- each verdict and each fix, with fakes.
/// </summary>
public sealed class ConnectionChecksTests : IDisposable
{
    private const string Socket = "/run/user/1000/eic/agent.sock";
    private static readonly SshResolvedTarget Resolved = new("admin", 2222, "web.eic", "eic proxy %h %p %r", Socket);
    private readonly TemporaryDirectory _directory = new("eic-doctor-connection-");

    [Fact]
    public async Task A_target_ssh_sends_through_eic_passes_with_the_user_port_and_proxy_command_the_real_ssh_resolves()
    {
        var config = _directory.Combine("config");
        File.WriteAllText(config, $"Host *.eic\n  User admin\n  Port 2222\n  ProxyCommand /usr/local/bin/eic proxy %h %p %r\n  IdentityAgent {Socket}\n");
        var report = new RecordedReport();

        var resolved = await ConnectionChecks.ResolveAsync(new FakeConnectionProbe(), config, "web.eic", report, CancellationToken.None);

        Assert.Equal(new SshResolvedTarget("admin", 2222, "web.eic", "/usr/local/bin/eic proxy %h %p %r", Socket), resolved);
        Assert.Equal(DoctorCheck.Pass("ssh target", "ssh logs in as admin, port 2222, through `/usr/local/bin/eic proxy %h %p %r`"), report["ssh target"]);
    }

    [Fact]
    public async Task A_target_ssh_cannot_resolve_fails_naming_the_config_to_fix_and_stops_the_connection_checks()
    {
        var probe = new FakeConnectionProbe { Ssh = _ => (255, "", "/home/u/.ssh/config line 3: Bad configuration option: nosuchkeyword\n") };
        var report = new RecordedReport();

        var resolved = await ConnectionChecks.ResolveAsync(probe, null, "web.eic", report, CancellationToken.None);

        Assert.Null(resolved);
        Assert.Equal(
            DoctorCheck.Fail("ssh target", "`ssh -G web.eic` failed: /home/u/.ssh/config line 3: Bad configuration option: nosuchkeyword", "fix ~/.ssh/config"),
            report["ssh target"]);
        var run = Assert.Single(probe.SshRuns);
        Assert.Equal(["-G", "web.eic"], run.Arguments);
        Assert.Equal(TimeSpan.FromSeconds(10), run.Timeout);
    }

    [Fact]
    public async Task A_target_a_block_above_the_include_catches_fails_with_the_move_the_include_fix()
    {
        var probe = new FakeConnectionProbe { Ssh = _ => (0, "user ec2-user\nport 22\nhostname web.eic\nproxycommand nc %h %p\n", "") };
        var report = new RecordedReport();

        var resolved = await ConnectionChecks.ResolveAsync(probe, "/tmp/cfg", "web.eic", report, CancellationToken.None);

        Assert.NotNull(resolved);
        Assert.Equal(
            DoctorCheck.Fail("ssh target", "ssh logs in as ec2-user, port 22, but not through eic (ProxyCommand: nc %h %p)",
                "a Host or Match block in /tmp/cfg above the Include of eic_config catches web.eic: move the Include to the top"),
            report["ssh target"]);
        Assert.Equal(["-F", "/tmp/cfg", "-G", "web.eic"], probe.SshRuns[0].Arguments);
    }

    [Fact]
    public async Task No_identity_agent_fails_with_the_install_fix_without_asking_any_agent()
    {
        var probe = new FakeConnectionProbe();

        var check = await ConnectionChecks.IdentityAgentAsync(probe, Resolved with { IdentityAgent = null }, CancellationToken.None);

        Assert.Equal(
            DoctorCheck.Fail("ssh's agent", "ssh names no IdentityAgent for this host: it would not ask eic's agent for the key",
                "run ./install again, or put `Include ~/.ssh/eic_config` at the top of ~/.ssh/config"),
            check);
        Assert.Empty(probe.AgentsAsked);
    }

    [Fact]
    public async Task The_agent_ssh_names_passes_when_it_runs_the_eic_it_started_from()
    {
        var probe = new FakeConnectionProbe { Agent = Agent(AgentBinary.State.AsStarted) };

        var check = await ConnectionChecks.IdentityAgentAsync(probe, Resolved, CancellationToken.None);

        Assert.Equal(DoctorCheck.Pass("ssh's agent", $"pid 4242 answers on {Socket}"), check);
        Assert.Equal([Socket], probe.AgentsAsked);
    }

    [Theory]
    [InlineData(false, "replaced")]
    [InlineData(true, "removed")]
    public async Task An_agent_whose_eic_was_replaced_or_removed_fails_with_the_restart_fix(bool removed, string said)
    {
        var probe = new FakeConnectionProbe { Agent = Agent(removed ? AgentBinary.State.Removed : AgentBinary.State.Replaced) };

        var check = await ConnectionChecks.IdentityAgentAsync(probe, Resolved, CancellationToken.None);

        Assert.Equal(
            DoctorCheck.Fail("ssh's agent", $"pid 4242 on {Socket} runs an eic that was {said} since it started",
                "restart it: `kill 4242` (the next ssh starts the installed eic), or `systemctl --user restart eic-agent`"),
            check);
    }

    [Fact]
    public async Task No_agent_answering_yet_passes_since_ssh_starts_one_on_demand()
    {
        var check = await ConnectionChecks.IdentityAgentAsync(new FakeConnectionProbe(), Resolved, CancellationToken.None);

        Assert.Equal(
            DoctorCheck.Pass("ssh's agent", $"none answers on {Socket} yet (no eic agent answers on {Socket} (no socket there)): ssh's ProxyCommand starts one on demand"),
            check);
    }

    [Fact]
    public async Task A_login_that_runs_true_passes_and_is_bounded_in_batch_mode()
    {
        var probe = new FakeConnectionProbe { Ssh = _ => (0, "", "") };

        var check = await ConnectionChecks.LoginAsync(probe, "/tmp/cfg", "web.eic", Resolved, CancellationToken.None);

        Assert.Equal(DoctorCheck.Pass("login", "`ssh web.eic true` logged in as admin on port 2222"), check);
        var run = Assert.Single(probe.SshRuns);
        Assert.Equal(["-F", "/tmp/cfg", "-o", "BatchMode=yes", "-o", "ConnectTimeout=30", "web.eic", "true"], run.Arguments);
        Assert.Equal(TimeSpan.FromSeconds(60), run.Timeout);
    }

    [Fact]
    public async Task A_failed_login_shows_eics_line_without_sshs_echo_of_the_proxy_exit_and_points_at_it()
    {
        var probe = new FakeConnectionProbe
        {
            Ssh = _ => (255, "", "eic: web.eic: no AWS region\nkex_exchange_identification: Connection closed by remote host\nConnection closed by UNKNOWN port 65535\n"),
        };

        var check = await ConnectionChecks.LoginAsync(probe, null, "web.eic", Resolved, CancellationToken.None);

        Assert.Equal(
            DoctorCheck.Fail("login", "`ssh web.eic true` failed: eic: web.eic: no AWS region", "follow eic's message above; `ssh -v` shows the rest"),
            check);
    }

    [Fact]
    public async Task A_refused_key_names_the_user_that_may_not_exist()
    {
        var probe = new FakeConnectionProbe { Ssh = _ => (255, "", "admin@web.eic: Permission denied (publickey).\n") };

        var check = await ConnectionChecks.LoginAsync(probe, null, "web.eic", Resolved, CancellationToken.None);

        Assert.Equal("`ssh web.eic true` failed: admin@web.eic: Permission denied (publickey).", check.Detail);
        Assert.Contains("admin may not exist on this instance", check.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_login_without_ssh_fails_saying_no_answer()
    {
        var check = await ConnectionChecks.LoginAsync(new FakeConnectionProbe { Ssh = _ => null }, null, "web.eic", Resolved, CancellationToken.None);

        Assert.Equal(DoctorCheck.Fail("login", "`ssh web.eic true` failed: no answer", "run `ssh -v` with the same target for the details"), check);
    }

    public void Dispose() => _directory.Dispose();

    private static AgentStatus Agent(AgentBinary.State state) => new(4242, 0, []) { BinaryState = state };
}
