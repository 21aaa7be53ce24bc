using EicAgent.Aws.Paths;
using EicAgent.Cli.Doctor;
using EicAgent.Testing;

namespace EicAgent.Connect.Tests.Doctor;

/// <summary>Doctor's client-side checks with the real ssh on PATH, and what it makes of `ssh -G` and of a failed login.</summary>
public sealed class SshChecksTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new("eic-doctor-ssh-");

    [Theory]
    [InlineData("OpenSSH_9.2p1 Debian-2+deb12u3, OpenSSL 3.0.15 3 Sep 2024", "9.2")]
    [InlineData("OpenSSH_10.0p2, LibreSSL 3.3.6", "10.0")]
    [InlineData("OpenSSH_for_Windows_9.5p1, LibreSSL 3.8.2", null)]
    [InlineData("PuTTY plink 0.81", null)]
    public void The_version_is_read_from_ssh_minus_v(string said, string? expected) =>
        Assert.Equal(expected, SshChecks.OpenSshVersion(said)?.ToString());

    [Fact]
    public async Task The_installed_ssh_is_new_enough()
    {
        var check = await SshChecks.VersionAsync(CancellationToken.None);

        Assert.True(check.Passed, check.Detail);
        Assert.StartsWith("OpenSSH ", check.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_config_that_sends_instance_ids_through_eic_passes_and_one_that_does_not_fails_with_the_include_fix()
    {
        var through = _directory.Combine("through");
        File.WriteAllText(through, "Host i-*\n  ProxyCommand /usr/local/bin/eic proxy %h %p %r\n");
        var without = _directory.Combine("without");
        File.WriteAllText(without, "Host other\n  Port 2222\n");

        var passed = await SshChecks.ConfigAsync(through, CancellationToken.None);
        var failed = await SshChecks.ConfigAsync(without, CancellationToken.None);

        Assert.True(passed.Passed, passed.Detail);
        Assert.Equal($"{through} sends i-0123456789abcdef0 through `/usr/local/bin/eic proxy %h %p %r`", passed.Detail);
        Assert.StartsWith("run ./install", failed.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_config_ssh_cannot_read_names_the_file_to_fix()
    {
        var broken = _directory.Combine("broken");
        File.WriteAllText(broken, "Host i-*\n  NoSuchKeyword yes\n");

        var check = await SshChecks.ConfigAsync(broken, CancellationToken.None);

        Assert.Equal($"fix the syntax error in {broken}", check.Fix);
    }

    [Fact]
    public void Ssh_minus_G_output_gives_the_user_port_and_the_via_of_eics_proxy_command()
    {
        var resolved = SshResolvedTarget.Parse("user admin\nport 2222\nhostname web.eic\nproxycommand eic proxy --via=ssm %h %p %r\nidentityagent none\n");

        Assert.Equal(("admin", 2222, NetworkPath.Ssm, null), (resolved.User, resolved.Port, resolved.Via, resolved.IdentityAgent));
        Assert.True(resolved.GoesThroughEic);
        Assert.Equal(SshResolvedTarget.DefaultUser, SshResolvedTarget.Parse("port 22\n").User);
    }

    [Theory]
    [InlineData("ubuntu@1.2.3.4: Permission denied (publickey).", "ubuntu may not exist on this instance")]
    [InlineData("ssh: connect to host web port 2222: Connection refused", "ssh uses port 2222 (from your ssh config")]
    [InlineData("eic: web.eic: no AWS region", "follow eic's message above")]
    [InlineData("Connection timed out during banner exchange", "run `ssh -v`")]
    public void A_failed_login_gets_the_fix_for_what_ssh_said(string said, string fix) =>
        Assert.Contains(fix, LoginFixes.For(said, new SshResolvedTarget("ubuntu", said.Contains("2222", StringComparison.Ordinal) ? 2222 : 22, "web", null, null)),
            StringComparison.Ordinal);

    public void Dispose() => _directory.Dispose();
}
