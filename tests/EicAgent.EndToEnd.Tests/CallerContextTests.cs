using System.Diagnostics;
using System.Text.Json;
using EicAgent.Simulator;
using EicAgent.Testing;
using Xunit;
using LocalAws = EicAgent.Simulator.Simulator;

namespace EicAgent.EndToEnd.Tests;

/// <summary>
/// The AWS context of the shell that runs ssh decides each connection, never the agent's own environment: two
/// accounts (two simulators, the second in eu-west-1 with its own caller) served at once by one agent.
/// </summary>
[Collection(EicWorldCollection.Name)]
public sealed class CallerContextTests(EicWorld world) : IAsyncLifetime
{
    private static readonly SimulatedCaller CallerB = new(
        "AKIAEICSIMULATORB001", "eic-simulator-secret-access-key-b00001", "arn:aws:iam::210987654321:user/eic-sim-b", "AIDAEICSIMULATORB0001");

    private readonly TemporaryDirectory _directory = new("eic-context-");
    private LocalAws _simB = null!;
    private Process _agent = null!;

    private LocalAws SimA => world.Sim;

    private string Socket => _directory.Combine("agent.sock");

    public async Task InitializeAsync()
    {
        _simB = await LocalAws.StartAsync(new SimulatorOptions { Region = "eu-west-1", Caller = CallerB });
        var callerA = SimulatedCaller.Default;
        await File.WriteAllTextAsync(_directory.Combine("aws-config"), $"""
            [profile a]
            region = us-east-1
            endpoint_url = {SimA.Endpoint.GetLeftPart(UriPartial.Authority)}

            [profile b]
            endpoint_url = {_simB.Endpoint.GetLeftPart(UriPartial.Authority)}

            [profile a-trusting-its-ca]
            region = {SimA.Region}
            endpoint_url = {SimA.Endpoint.GetLeftPart(UriPartial.Authority)}
            ca_bundle = {SimA.EndpointCaBundlePath}

            [profile a-trusting-another-ca]
            region = {SimA.Region}
            endpoint_url = {SimA.Endpoint.GetLeftPart(UriPartial.Authority)}
            ca_bundle = {_simB.EndpointCaBundlePath}
            """);
        await File.WriteAllTextAsync(_directory.Combine("aws-credentials"), $"""
            [a]
            aws_access_key_id = {callerA.AccessKeyId}
            aws_secret_access_key = {callerA.SecretAccessKey}

            [b]
            aws_access_key_id = {CallerB.AccessKeyId}
            aws_secret_access_key = {CallerB.SecretAccessKey}

            [a-trusting-its-ca]
            aws_access_key_id = {callerA.AccessKeyId}
            aws_secret_access_key = {callerA.SecretAccessKey}

            [a-trusting-another-ca]
            aws_access_key_id = {callerA.AccessKeyId}
            aws_secret_access_key = {callerA.SecretAccessKey}
            """);
        await File.WriteAllLinesAsync(_directory.Combine("known_hosts"),
        [
            $"web-1.eic {SimA.Instance("web-1").HostPublicKey}",
            $"web-2.eic {_simB.Instance("web-2").HostPublicKey}",
            $"db-1.eic {SimA.Instance("db-1").HostPublicKey}",
        ]);
        // The agent's own environment names profile a and another region: neither may leak into a request.
        _agent = await ScrubbedAgent.StartAsync(Socket, _directory.Path, ("AWS_PROFILE", "a"), ("AWS_REGION", "ap-south-1"));
    }

    [Fact]
    public async Task One_agent_serves_two_profiles_in_two_regions_at_once_whatever_its_own_environment()
    {
        var pushesA = Pushes(SimA, SimulatedCaller.Default);
        var pushesB = Pushes(_simB, CallerB);

        var (a, b) = (SshAsync("web-1.eic", Caller(("AWS_PROFILE", "a"))), SshAsync("web-2.eic", Caller(("AWS_PROFILE", "b"), ("AWS_REGION", "eu-west-1"))));
        var results = await Task.WhenAll(a, b);

        results[0].AssertExitCode();
        results[1].AssertExitCode();
        Assert.Equal(pushesA + 1, Pushes(SimA, SimulatedCaller.Default));
        Assert.Equal(pushesB + 1, Pushes(_simB, CallerB));
    }

    [Fact]
    public async Task Keys_in_the_callers_environment_are_used_as_aws_vault_exec_gives_them()
    {
        var pushesB = Pushes(_simB, CallerB);
        var vault = Caller(
            ("AWS_ACCESS_KEY_ID", CallerB.AccessKeyId), ("AWS_SECRET_ACCESS_KEY", CallerB.SecretAccessKey),
            ("AWS_REGION", "eu-west-1"), ("AWS_ENDPOINT_URL", _simB.Endpoint.GetLeftPart(UriPartial.Authority)));

        var login = await SshAsync("web-2.eic", vault);

        login.AssertExitCode();
        Assert.Equal(pushesB + 1, Pushes(_simB, CallerB));
        Assert.DoesNotContain(CallerB.SecretAccessKey, await File.ReadAllTextAsync(_directory.Combine("state/eic/audit.jsonl")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ls_known_hosts_and_doctor_look_where_the_proxy_looks()
    {
        var environment = Caller(("AWS_PROFILE", "b"), ("AWS_REGION", "eu-west-1"));

        var ls = await world.RunAsync(EicWorld.EicPath, ["ls", "--json"], extraEnvironment: environment);
        var knownHosts = await world.RunAsync(EicWorld.EicPath, ["known-hosts", "--socket", Socket, "web-2.eic"], extraEnvironment: environment);
        var doctor = await world.RunAsync(EicWorld.EicPath, ["doctor", "--socket", Socket, "web-2.eic"], extraEnvironment: environment);

        ls.AssertExitCode();
        using var json = JsonDocument.Parse(ls.StandardOutput);
        var web2 = json.RootElement.GetProperty("instances").EnumerateArray().Single(row => row.GetProperty("name").GetString() == "web-2");
        Assert.Equal(_simB.Instance("web-2").PublicIpAddress, web2.GetProperty("publicIp").GetString());
        knownHosts.AssertExitCode();
        Assert.Contains(_simB.Instance("web-2").HostPublicKey.Split(' ')[1], knownHosts.StandardOutput, StringComparison.Ordinal);
        Assert.Contains(CallerB.Arn, doctor.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("eu-west-1, profile b (AWS_PROFILE)", doctor.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_callers_AWS_CA_BUNDLE_is_what_the_agent_trusts_for_that_callers_AWS_calls()
    {
        var pushesA = Pushes(SimA, SimulatedCaller.Default);

        var login = await SshAsync("web-1.eic", OverHttps(("AWS_CA_BUNDLE", SimA.EndpointCaBundlePath)));

        login.AssertExitCode();
        Assert.Equal(pushesA + 1, Pushes(SimA, SimulatedCaller.Default));
    }

    [Fact]
    public async Task A_caller_without_the_CA_in_AWS_CA_BUNDLE_gets_one_line_naming_TLS_and_the_variable()
    {
        var pushesA = Pushes(SimA, SimulatedCaller.Default);

        var untrusted = await SshAsync("web-1.eic", OverHttps());
        var otherCa = await SshAsync("web-1.eic", OverHttps(("AWS_CA_BUNDLE", _simB.EndpointCaBundlePath)));

        Assert.Equal(255, untrusted.ExitCode);
        var line = Assert.Single(untrusted.StandardError.Split('\n'), l => l.StartsWith("eic: ", StringComparison.Ordinal));
        Assert.Contains("TLS handshake failed", line, StringComparison.Ordinal);
        Assert.Contains("set AWS_CA_BUNDLE", line, StringComparison.Ordinal);
        Assert.Equal(255, otherCa.ExitCode);
        Assert.Contains("not issued by a CA in AWS_CA_BUNDLE", otherCa.StandardError, StringComparison.Ordinal);
        Assert.Equal(pushesA, Pushes(SimA, SimulatedCaller.Default));
    }

    [Fact]
    public async Task The_endpoint_tunnel_trusts_the_profiles_ca_bundle_as_the_agents_calls_do_with_AWS_CA_BUNDLE_unset()
    {
        // db-1 is private: the agent's calls go over plain HTTP here, the proxy's endpoint websocket over TLS.
        var trusted = await SshAsync("db-1.eic", Caller(("AWS_PROFILE", "a-trusting-its-ca")));
        var otherCa = await SshAsync("db-1.eic", Caller(("AWS_PROFILE", "a-trusting-another-ca")));

        trusted.AssertExitCode();
        Assert.Equal(255, otherCa.ExitCode);
        var line = Assert.Single(otherCa.StandardError.Split('\n'), l => l.StartsWith("eic: ", StringComparison.Ordinal));
        Assert.Contains("cannot open a tunnel through EC2 Instance Connect Endpoint", line, StringComparison.Ordinal);
        Assert.Contains(
            $"TLS handshake failed: the server's certificate is not issued by a CA in ca_bundle = {_simB.EndpointCaBundlePath} of profile a-trusting-another-ca",
            line, StringComparison.Ordinal);
    }

    public async Task DisposeAsync()
    {
        _agent.Kill(entireProcessTree: true);
        await _agent.WaitForExitAsync();
        _agent.Dispose();
        await _simB.DisposeAsync();
        _directory.Dispose();
    }

    private static int Pushes(LocalAws sim, SimulatedCaller caller) =>
        sim.Requests.Count(r => r.Operation == "SendSSHPublicKey" && r.StatusCode == 200 && r.AccessKeyId == caller.AccessKeyId);

    /// <summary>The world's environment without any AWS variable, with this test's files and the given variables.</summary>
    private Dictionary<string, string?> Caller(params (string Name, string Value)[] variables)
    {
        var environment = world.Environment.Keys.Where(name => name.StartsWith("AWS_", StringComparison.Ordinal)).ToDictionary(name => name, _ => (string?)null);
        environment["AWS_CONFIG_FILE"] = _directory.Combine("aws-config");
        environment["AWS_SHARED_CREDENTIALS_FILE"] = _directory.Combine("aws-credentials");
        environment["AWS_EC2_METADATA_DISABLED"] = "true";
        environment["XDG_STATE_HOME"] = _directory.Combine("state");
        environment["XDG_CACHE_HOME"] = _directory.Combine("cache");
        foreach (var (name, value) in variables)
        {
            environment[name] = value;
        }

        return environment;
    }

    /// <summary>The default caller's keys, with every AWS service at the simulator's TLS port (its CA in no system store).</summary>
    private Dictionary<string, string?> OverHttps(params (string Name, string Value)[] variables) => Caller(
    [
        ("AWS_ACCESS_KEY_ID", SimulatedCaller.Default.AccessKeyId), ("AWS_SECRET_ACCESS_KEY", SimulatedCaller.Default.SecretAccessKey),
        ("AWS_REGION", SimA.Region), ("AWS_ENDPOINT_URL", SimA.HttpsEndpoint.GetLeftPart(UriPartial.Authority)), .. variables,
    ]);

    private Task<ProcessResult> SshAsync(string host, IReadOnlyDictionary<string, string?> environment) => world.RunAsync("ssh",
    [
        "-F", "none",
        "-o", $"ProxyCommand {EicWorld.EicPath} proxy --socket {Socket} %h %p %r",
        "-o", $"IdentityAgent {Socket}",
        "-o", $"UserKnownHostsFile {_directory.Combine("known_hosts")}",
        "-o", "StrictHostKeyChecking yes",
        "-o", "BatchMode yes",
        "-o", "LogLevel ERROR",
        "-o", $"Port {SimA.SshPort}",
        "-l", "ec2-user", host, "true",
    ], extraEnvironment: environment);
}
