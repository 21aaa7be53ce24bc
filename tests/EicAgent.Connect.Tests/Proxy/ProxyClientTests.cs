using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Text;
using EicAgent.Aws.Errors;
using EicAgent.Aws.InstanceConnect;
using EicAgent.Aws.Paths;
using EicAgent.Cli.Proxy;
using EicAgent.Connect.Tests.Fakes;
using EicAgent.Testing;

namespace EicAgent.Connect.Tests.Proxy;

/// <summary>`eic proxy`'s conversation with a real in-process agent (fake AWS scopes), over a real loopback "instance" that echoes.</summary>
public sealed class ProxyClientTests : IAsyncDisposable
{
    private const string InstanceId = "i-0123456789abcdef0";
    private readonly TemporaryDirectory _directory = new("eic-proxy-client-");
    private readonly FakeScopes _scopes = new();
    private readonly FakePlumbing _plumbing = new();
    private readonly TcpListener _instance = new(IPAddress.Loopback, 0);
    private readonly StringWriter _errors = new();
    private readonly ConnectAgent _agent;

    public ProxyClientTests()
    {
        _agent = new ConnectAgent(_scopes, SocketPath, _directory.Combine("audit.jsonl"));
        _instance.Start();
        _plumbing.OpenTunnel = _ => ConnectToInstanceAsync();
    }

    private string SocketPath => _directory.Combine("agent", "agent.sock");

    private string[] ErrorLines => _errors.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    [Fact]
    public async Task Bytes_go_both_ways_on_the_route_the_agent_chose()
    {
        var echoed = EchoOnceAsync();
        using var output = new MemoryStream();

        await RunAsync(InstanceId, new MemoryStream("SSH-2.0-test\r\n"u8.ToArray()), output);
        await echoed;

        Assert.Equal("SSH-2.0-test\r\n", Encoding.ASCII.GetString(output.ToArray()));
        Assert.Equal(new TcpRoute("203.0.113.1", 22), Assert.Single(_plumbing.OpenedRoutes));
        Assert.Single(_scopes.Scope.PushedKeys);
        Assert.Equal(0, _plumbing.AgentStarts);

        // ssh never asked to sign here, so the only line there may be is the wrong-user hint (whether the push status
        // arrived before this short session ended is a race; WrongOsUserTests shows the hint with a real ssh).
        Assert.All(ErrorLines, line => Assert.Contains("EC2 Instance Connect accepted the key for ec2-user, but the instance did not", line, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_refusal_is_one_line_and_opens_no_tunnel()
    {
        _scopes.Scope.Resolve = _ => throw new EicAwsException(EicAwsErrorKind.NotFound, "no running instance named web\u001b[31m");

        var exit = await RunAsync("web.eic");

        Assert.Equal(1, exit);
        Assert.Equal(@"eic: no running instance named web\e[31m", Assert.Single(ErrorLines));
        Assert.Empty(_plumbing.OpenedRoutes);
    }

    [Fact]
    public async Task An_mfa_question_is_asked_once_at_the_terminal_and_the_code_goes_to_the_scopes()
    {
        _scopes.MfaSerial = "arn:aws:iam::111122223333:mfa/me";
        _plumbing.MfaAnswer = _ => "123456";
        var echoed = EchoOnceAsync();

        await RunAsync(InstanceId);
        await echoed;

        Assert.Contains("arn:aws:iam::111122223333:mfa/me", Assert.Single(_plumbing.MfaQuestions), StringComparison.Ordinal);
        Assert.Equal(["123456"], _scopes.OfferedCodes);
        Assert.Single(_plumbing.OpenedRoutes);
    }

    [Fact]
    public async Task A_code_nobody_could_type_is_one_line_naming_the_host()
    {
        _scopes.MfaSerial = "arn:aws:iam::111122223333:mfa/me";
        _plumbing.MfaAnswer = _ => throw new MfaPromptException("no MFA code was typed within 2 minutes");

        var exit = await RunAsync("web.eic");

        Assert.Equal(1, exit);
        Assert.Equal("eic: web.eic: no MFA code was typed within 2 minutes", Assert.Single(ErrorLines));
        Assert.Empty(_scopes.OfferedCodes);
    }

    [Fact]
    public async Task A_failed_push_ends_the_open_connection_with_its_reason()
    {
        _scopes.Scope.Push = (_, _) => Task.FromException<KeyPushResult>(new EicAwsException(EicAwsErrorKind.AccessDenied, "not allowed to push a key for ec2-user"));
        var accepted = _instance.AcceptTcpClientAsync();
        var silentSsh = new Pipe();

        var exit = await RunAsync(InstanceId, silentSsh.Reader.AsStream());
        (await accepted.WaitAsync(TimeSpan.FromSeconds(30))).Dispose();

        Assert.Equal(1, exit);
        Assert.Equal($"eic: {InstanceId}: not allowed to push a key for ec2-user", Assert.Single(ErrorLines));
    }

    [Fact]
    public async Task A_tunnel_that_cannot_be_opened_is_one_line()
    {
        _plumbing.OpenTunnel = _ => throw new TunnelException("203.0.113.1 port 22 did not answer within 15 s");

        var exit = await RunAsync("web.eic");

        Assert.Equal(1, exit);
        Assert.Equal("eic: web.eic: 203.0.113.1 port 22 did not answer within 15 s", Assert.Single(ErrorLines));
    }

    public async ValueTask DisposeAsync()
    {
        await _agent.DisposeAsync();
        _instance.Dispose();
        _directory.Dispose();
    }

    private async Task<int> RunAsync(string host, Stream? input = null, Stream? output = null)
    {
        var options = new ProxyOptions(host, 22, "ec2-user", null, null, NetworkPath.Auto, SocketPath);
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        return await ProxyClient.RunAsync(options, _plumbing, input ?? new MemoryStream(), output ?? new MemoryStream(), _errors, bound.Token);
    }

    private async Task<ITunnel> ConnectToInstanceAsync()
    {
        var client = new TcpClient();
        await client.ConnectAsync((IPEndPoint)_instance.LocalEndpoint);
        return new TcpClientTunnel(client);
    }

    /// <summary>The instance: echoes what it gets until the proxy half-closes, then closes.</summary>
    private async Task EchoOnceAsync()
    {
        using var accepted = await _instance.AcceptTcpClientAsync();
        await accepted.GetStream().CopyToAsync(accepted.GetStream());
    }
}
