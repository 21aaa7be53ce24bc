using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using EicAgent.Simulator;
using EicAgent.Simulator.Sts;
using EicAgent.Testing;
using Xunit;

namespace EicAgent.EndToEnd.Tests;

/// <summary>
/// Credentials that need a person, through an agent that cannot ask anybody: an assume-role profile with mfa_serial
/// has the proxy ask for the code on ssh's terminal (a real one, tmux) once for the role's session; an expired SSO
/// token is one line naming `aws sso login`. STS is reached at the caller's AWS_ENDPOINT_URL_STS, not the agent's.
/// </summary>
[Collection(EicWorldCollection.Name)]
public sealed class CredentialsThatNeedAPersonTests(EicWorld world) : IAsyncLifetime
{
    private const string MfaSerial = "arn:aws:iam::123456789012:mfa/alice";
    private const string StartUrl = "https://eic-test.awsapps.com/start";

    private readonly TemporaryDirectory _directory = new("eic-mfa-");
    private Process _agent = null!;

    private string Socket => _directory.Combine("agent.sock");

    public async Task InitializeAsync()
    {
        var caller = SimulatedCaller.Default;
        await File.WriteAllTextAsync(_directory.Combine("aws-config"), $"""
            [profile mfa]
            role_arn = arn:aws:iam::123456789012:role/admin
            source_profile = base
            mfa_serial = {MfaSerial}
            region = {world.Sim.Region}

            [profile sso]
            sso_start_url = {StartUrl}
            sso_region = {world.Sim.Region}
            sso_account_id = 123456789012
            sso_role_name = admin
            region = {world.Sim.Region}
            """);
        await File.WriteAllTextAsync(_directory.Combine("aws-credentials"), $"""
            [base]
            aws_access_key_id = {caller.AccessKeyId}
            aws_secret_access_key = {caller.SecretAccessKey}
            """);
        await File.WriteAllLinesAsync(_directory.Combine("known_hosts"), [$"web-1.eic {world.Sim.Instance("web-1").HostPublicKey}"]);
        _agent = await ScrubbedAgent.StartAsync(Socket, _directory.Path);
    }

    [SkippableFact]
    public async Task An_mfa_profile_asks_for_the_code_on_the_terminal_once_for_two_logins()
    {
        Skip.IfNot(TmuxTerminal.Installed, "needs tmux for a real terminal (apt-get install tmux)");
        var assumed = AssumeRoles();
        var ssh = string.Join(' ', SshArguments().Select(argument => $"'{argument}'"));
        var script = _directory.Combine("two-logins.sh");
        await File.WriteAllTextAsync(script, $"ssh {ssh} web-1.eic echo first-login\nssh {ssh} web-1.eic echo second-login\necho both-done\nexec sleep 600\n");

        await using var terminal = await TmuxTerminal.StartAsync(Caller(("AWS_PROFILE", "mfa")), "sh", [script]);
        await terminal.WaitForAsync($"eic: profile mfa needs an MFA code for {MfaSerial}: ");
        await terminal.SendKeysAsync(SimulatedMfa.CodeFor(MfaSerial), "Enter");
        var screen = await terminal.WaitForAsync("both-done", () => ScrubbedAgent.Log(_directory.Path));

        Assert.Contains("first-login", screen, StringComparison.Ordinal);
        Assert.Contains("second-login", screen, StringComparison.Ordinal);
        Assert.Single(screen.Split("needs an MFA code", StringSplitOptions.None).Skip(1));
        Assert.Equal(assumed + 1, AssumeRoles());
        Assert.DoesNotContain(SimulatedMfa.CodeFor(MfaSerial), await File.ReadAllTextAsync(_directory.Combine("state/eic/audit.jsonl")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_terminal_ssh_askpass_is_asked_and_a_wrong_code_is_refused_on_one_line()
    {
        var wrong = await SshThroughAskpassAsync(SimulatedMfa.CodeFor(MfaSerial) == "111111" ? "222222" : "111111");
        var right = await SshThroughAskpassAsync(SimulatedMfa.CodeFor(MfaSerial));

        wrong.AssertExitCode(255);
        Assert.Equal(
            $"eic: AWS refused the MFA code for {MfaSerial} (profile mfa): MultiFactorAuthentication failed with invalid MFA one time pass code. -- connect again and type the current code",
            Assert.Single(EicLines(wrong)));
        right.AssertExitCode();
        Assert.Contains("logged-in", right.StandardOutput, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task One_code_on_the_terminal_serves_eic_ls_twice_and_then_ssh_for_the_role_session()
    {
        Skip.IfNot(TmuxTerminal.Installed, "needs tmux for a real terminal (apt-get install tmux)");
        var assumed = AssumeRoles();
        var ssh = string.Join(' ', SshArguments().Select(argument => $"'{argument}'"));
        var script = _directory.Combine("ls.sh");
        await File.WriteAllTextAsync(script, $"'{EicWorld.EicPath}' ls\necho ls-exit-$?\n'{EicWorld.EicPath}' ls\necho ls-exit-$?\nssh {ssh} web-1.eic echo ssh-login\necho all-done\nexec sleep 600\n");

        await using var terminal = await TmuxTerminal.StartAsync(Caller(("AWS_PROFILE", "mfa")), "sh", [script]);
        await terminal.WaitForAsync($"eic: profile mfa needs an MFA code for {MfaSerial}: ");
        await terminal.SendKeysAsync(SimulatedMfa.CodeFor(MfaSerial), "Enter");
        var screen = await terminal.WaitForAsync("all-done", () => ScrubbedAgent.Log(_directory.Path));

        Assert.Equal(2, screen.Split("ls-exit-0", StringSplitOptions.None).Length - 1);
        Assert.Contains("web-1", screen, StringComparison.Ordinal);
        Assert.Contains("ssh-login", screen, StringComparison.Ordinal);
        Assert.Single(screen.Split("needs an MFA code", StringSplitOptions.None).Skip(1));
        Assert.Equal(assumed + 1, AssumeRoles());
    }

    [Fact]
    public async Task After_ssh_asked_for_the_code_eic_ls_and_eic_doctor_borrow_the_agents_role_session_and_ask_nothing()
    {
        var code = SimulatedMfa.CodeFor(MfaSerial);
        var (asked, askpass) = await CountingAskpassAsync(code);
        var caller = Caller(("AWS_PROFILE", "mfa"), ("SSH_ASKPASS", askpass), ("SSH_ASKPASS_REQUIRE", "force"), ("DISPLAY", ":0"));
        var assumed = AssumeRoles();

        var login = await world.RunAsync("ssh", [.. SshArguments(), "web-1.eic", "echo logged-in"], extraEnvironment: caller);
        var ls = await world.RunAsync(EicWorld.EicPath, ["ls"], extraEnvironment: caller);
        var doctor = await world.RunAsync(EicWorld.EicPath, ["doctor", "--socket", Socket], extraEnvironment: caller);

        login.AssertExitCode();
        ls.AssertExitCode();
        Assert.Contains("web-1", ls.StandardOutput, StringComparison.Ordinal);
        Assert.Contains(DoctorOutput.Lines(doctor), line => line.StartsWith("ok   credentials: account 123456789012, ", StringComparison.Ordinal) && line.Contains("role/admin", StringComparison.Ordinal));
        Assert.Equal([$"eic: profile mfa needs an MFA code for {MfaSerial}: "], await File.ReadAllLinesAsync(asked));
        Assert.Equal(assumed + 1, AssumeRoles());
        Assert.Contains("lent the MFA role session of profile mfa to eic", ScrubbedAgent.Log(_directory.Path), StringComparison.Ordinal);
        Assert.DoesNotContain(code, ls.ToString() + doctor + ScrubbedAgent.Log(_directory.Path), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_an_agent_eic_ls_asks_for_the_code_itself()
    {
        var (asked, askpass) = await CountingAskpassAsync(SimulatedMfa.CodeFor(MfaSerial));
        var caller = Caller(("AWS_PROFILE", "mfa"), ("SSH_ASKPASS", askpass), ("SSH_ASKPASS_REQUIRE", "force"), ("DISPLAY", ":0"));
        caller[EicAgent.Agent.Listeners.AgentEndpoint.EnvironmentVariable] = _directory.Combine("nobody.sock");
        var assumed = AssumeRoles();

        var ls = await world.RunAsync(EicWorld.EicPath, ["ls"], extraEnvironment: caller);

        ls.AssertExitCode();
        Assert.Contains("web-1", ls.StandardOutput, StringComparison.Ordinal);
        Assert.Equal([$"eic: profile mfa needs an MFA code for {MfaSerial}: "], await File.ReadAllLinesAsync(asked));
        Assert.Equal(assumed + 1, AssumeRoles());
    }

    [Fact]
    public async Task An_expired_sso_token_is_one_line_naming_aws_sso_login()
    {
        var cache = Directory.CreateDirectory(_directory.Combine(".aws/sso/cache"));
        var name = Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(StartUrl)));
        await File.WriteAllTextAsync(Path.Combine(cache.FullName, name + ".json"), $$"""
            {"startUrl": "{{StartUrl}}", "region": "{{world.Sim.Region}}", "accessToken": "expired-token", "expiresAt": "2020-01-01T00:00:00Z"}
            """);

        var login = await world.RunAsync("ssh", [.. SshArguments(), "web-1.eic", "true"], extraEnvironment: Caller(("AWS_PROFILE", "sso")));

        login.AssertExitCode(255);
        Assert.Equal(
            "eic: the AWS SSO session of profile sso is missing or expired: run `aws sso login --profile sso`",
            Assert.Single(EicLines(login)));
    }

    public async Task DisposeAsync()
    {
        _agent.Kill(entireProcessTree: true);
        await _agent.WaitForExitAsync();
        _agent.Dispose();
        _directory.Dispose();
    }

    /// <summary>What eic said on stderr (ssh then adds its own "Connection closed" line).</summary>
    private static string[] EicLines(ProcessResult result) =>
        [.. result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(line => line.StartsWith("eic:", StringComparison.Ordinal))];

    /// <summary>An SSH_ASKPASS that answers <paramref name="code"/> and writes each question it was asked to a file.</summary>
    private async Task<(string Asked, string Askpass)> CountingAskpassAsync(string code)
    {
        var asked = _directory.Combine("asked");
        var askpass = _directory.Combine("askpass-counting");
        await File.WriteAllTextAsync(askpass, $"#!/bin/sh\necho \"$1\" >> '{asked}'\necho {code}\n");
        File.SetUnixFileMode(askpass, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        return (asked, askpass);
    }

    private int AssumeRoles() => world.Sim.Requests.Count(r => r.Operation == "AssumeRole" && r.StatusCode == 200);

    private async Task<ProcessResult> SshThroughAskpassAsync(string code)
    {
        var askpass = _directory.Combine($"askpass-{code}");
        await File.WriteAllTextAsync(askpass, $"#!/bin/sh\necho {code}\n");
        File.SetUnixFileMode(askpass, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        return await world.RunAsync("ssh", [.. SshArguments(), "web-1.eic", "echo logged-in"], extraEnvironment: Caller(
            ("AWS_PROFILE", "mfa"), ("SSH_ASKPASS", askpass), ("SSH_ASKPASS_REQUIRE", "force"), ("DISPLAY", ":0")));
    }

    /// <summary>
    /// The world's environment without the simulator's keys, region and global endpoint: only its per-service
    /// endpoints (AWS_ENDPOINT_URL_STS among them) and this test's files and variables.
    /// </summary>
    private Dictionary<string, string?> Caller(params (string Name, string Value)[] variables)
    {
        var environment = world.Environment.ToDictionary(
            variable => variable.Key,
            variable => variable.Key.StartsWith("AWS_", StringComparison.Ordinal) && !variable.Key.StartsWith("AWS_ENDPOINT_URL_", StringComparison.Ordinal) ? null : variable.Value);
        environment["AWS_CONFIG_FILE"] = _directory.Combine("aws-config");
        environment["AWS_SHARED_CREDENTIALS_FILE"] = _directory.Combine("aws-credentials");
        environment["AWS_EC2_METADATA_DISABLED"] = "true";
        environment["XDG_STATE_HOME"] = _directory.Combine("state");
        environment["XDG_CACHE_HOME"] = _directory.Combine("cache");
        environment[EicAgent.Agent.Listeners.AgentEndpoint.EnvironmentVariable] = Socket;
        foreach (var (name, value) in variables)
        {
            environment[name] = value;
        }

        return environment;
    }

    private string[] SshArguments() =>
    [
        "-F", "none",
        "-o", $"ProxyCommand {EicWorld.EicPath} proxy --socket {Socket} %h %p %r",
        "-o", $"IdentityAgent {Socket}",
        "-o", $"UserKnownHostsFile {_directory.Combine("known_hosts")}",
        "-o", "StrictHostKeyChecking yes",
        "-o", "LogLevel ERROR",
        "-o", $"Port {world.Sim.SshPort}",
        "-l", "ec2-user",
    ];
}
