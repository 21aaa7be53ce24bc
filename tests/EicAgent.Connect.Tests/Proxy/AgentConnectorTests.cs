using System.Net.Sockets;
using EicAgent.Cli.Proxy;
using EicAgent.Connect.Tests.Fakes;
using EicAgent.Testing;

namespace EicAgent.Connect.Tests.Proxy;

/// <summary>The proxy starts an agent only when nobody listens on the socket: no file, or a file that refuses connections.</summary>
public sealed class AgentConnectorTests : IAsyncDisposable
{
    private readonly TemporaryDirectory _directory = new("eic-connector-");
    private readonly FakeScopes _scopes = new();
    private readonly FakePlumbing _plumbing = new();
    private ConnectAgent? _agent;

    private string SocketPath => _directory.Combine("agent", "agent.sock");

    [Fact]
    public async Task A_listening_agent_is_used_and_none_is_started()
    {
        StartAgent();

        await using var client = await AgentConnector.ConnectOrStartAsync(SocketPath, _plumbing, CancellationToken.None);

        Assert.Equal(0, _plumbing.AgentStarts);
    }

    [Fact]
    public async Task Without_a_socket_file_one_agent_is_started_and_used()
    {
        _plumbing.StartAgent = _ =>
        {
            StartAgent();
            return Task.CompletedTask;
        };

        await using var client = await AgentConnector.ConnectOrStartAsync(SocketPath, _plumbing, CancellationToken.None);

        Assert.Equal(1, _plumbing.AgentStarts);
        Assert.Empty(await client.ListIdentitiesAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_socket_file_nobody_listens_on_starts_one_agent()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(SocketPath)!);
        using (var stale = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
        {
            stale.Bind(new UnixDomainSocketEndPoint(SocketPath));
        }

        _plumbing.StartAgent = _ =>
        {
            File.Delete(SocketPath);
            StartAgent();
            return Task.CompletedTask;
        };

        await using var client = await AgentConnector.ConnectOrStartAsync(SocketPath, _plumbing, CancellationToken.None);

        Assert.Equal(1, _plumbing.AgentStarts);
    }

    [Fact]
    public async Task An_agent_that_never_listens_is_one_error_naming_the_socket()
    {
        var plumbing = new FakePlumbing { AgentStartTimeout = TimeSpan.FromSeconds(1), StartAgent = _ => Task.CompletedTask };

        var error = await Assert.ThrowsAsync<AgentUnavailableException>(() => AgentConnector.ConnectOrStartAsync(SocketPath, plumbing, CancellationToken.None));

        Assert.StartsWith($"the agent started but {SocketPath} does not accept connections", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, plumbing.AgentStarts);
    }

    [Fact]
    public async Task An_agent_that_cannot_be_started_is_one_line_from_the_proxy()
    {
        var errors = new StringWriter();
        var options = new ProxyOptions("web.eic", 22, "ec2-user", null, null, Aws.Paths.NetworkPath.Auto, SocketPath);

        var exit = await ProxyClient.RunAsync(options, _plumbing, new MemoryStream(), new MemoryStream(), errors, CancellationToken.None);

        Assert.Equal(1, exit);
        Assert.Equal($"eic: web.eic: this test starts no agent for {SocketPath}", errors.ToString().Trim());
    }

    public async ValueTask DisposeAsync()
    {
        if (_agent is not null)
        {
            await _agent.DisposeAsync();
        }

        _directory.Dispose();
    }

    private void StartAgent() => _agent = new ConnectAgent(_scopes, SocketPath, _directory.Combine("audit.jsonl"));
}
