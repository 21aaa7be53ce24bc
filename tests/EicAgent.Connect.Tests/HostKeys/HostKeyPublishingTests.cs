using EicAgent.Agent.Core;
using EicAgent.Aws.Errors;
using EicAgent.Aws.Paths;
using EicAgent.Cli.Audit;
using EicAgent.Cli.Connect;
using EicAgent.Cli.HostKeys;
using EicAgent.Connect.Tests.Fakes;
using EicAgent.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace EicAgent.Connect.Tests.HostKeys;

/// <summary>
/// connect@eicagent and the agent's known_hosts file: by the time the agent answers the proxy (and so before ssh sees
/// a byte of the instance's), the keys its console showed are in the file under the names the proxy sent.
/// </summary>
public sealed class HostKeyPublishingTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new("eic-host-key-publishing-");
    private readonly FakeScopes _scopes = new();
    private readonly KeyRing _keys = new(TimeProvider.System, NullLogger<KeyRing>.Instance);
    private readonly string _hostKey = $"ssh-ed25519 {Convert.ToBase64String(TestPublicKeys.Ed25519())}";
    private int _consoleReads;

    public HostKeyPublishingTests() => _scopes.Scope.ConsoleOutput = (_, _) =>
    {
        Interlocked.Increment(ref _consoleReads);
        return Task.FromResult($"Cloud-init v. 24.1 finished\n-----BEGIN SSH HOST KEY KEYS-----\n{_hostKey} root@ip-10-0-0-1\n-----END SSH HOST KEY KEYS-----\n");
    };

    private string KnownHostsPath => _directory.Combine(AgentKnownHostsFile.FileName);

    public void Dispose()
    {
        _keys.Dispose();
        _directory.Dispose();
    }

    [Fact]
    public async Task The_console_keys_are_in_the_file_under_the_names_sent_when_the_agent_answers()
    {
        var reply = await ConnectAsync(["[web.eic]:2222", "web-alias"]);

        Assert.Null(reply.Refusal);
        Assert.Null(reply.HostKeyNote);
        Assert.Equal([$"[web.eic]:2222 {_hostKey}", $"web-alias {_hostKey}"], HostLines());
    }

    [Fact]
    public async Task The_console_is_read_once_per_boot_of_the_instance()
    {
        await ConnectAsync(["web.eic"]);
        await ConnectAsync(["web.eic"]);

        Assert.Equal(1, _consoleReads);
    }

    [Fact]
    public async Task A_console_without_host_keys_still_connects_and_says_why_ssh_will_ask()
    {
        _scopes.Scope.ConsoleOutput = (_, _) => Task.FromResult("still booting\n");

        var reply = await ConnectAsync(["web.eic"]);

        Assert.NotNull(reply.Route);
        Assert.Equal("i-0123456789abcdef0's console shows no SSH HOST KEY KEYS block: ssh's own host key checking applies", reply.HostKeyNote);
        Assert.Empty(HostLines());
    }

    [Fact]
    public async Task A_console_read_AWS_refuses_still_connects_and_names_the_refusal()
    {
        _scopes.Scope.ConsoleOutput = (_, _) => throw new EicAwsException(EicAwsErrorKind.AccessDenied, "ec2:GetConsoleOutput was denied");

        var reply = await ConnectAsync(["web.eic"]);

        Assert.NotNull(reply.Route);
        Assert.Equal("i-0123456789abcdef0: could not read its console for host keys: ec2:GetConsoleOutput was denied; ssh's own host key checking applies", reply.HostKeyNote);
    }

    [Fact]
    public async Task A_proxy_that_sends_no_names_gets_no_file_and_no_console_read()
    {
        var reply = await ConnectAsync([]);

        Assert.Null(reply.HostKeyNote);
        Assert.False(File.Exists(KnownHostsPath));
        Assert.Equal(0, _consoleReads);
    }

    private async Task<ConnectReply> ConnectAsync(IReadOnlyList<string> names)
    {
        var pushes = new ConnectionPushes();
        var audit = new AuditLog(_directory.Combine("audit.jsonl"), TimeProvider.System, NullLogger<AuditLog>.Instance);
        var sharing = new PushSharing(_keys, new MintLimits(), KeySharingPolicy.Shared, NullLogger<PushSharing>.Instance);
        var extension = new ConnectExtension(_keys, new TestProcessAsSsh(), _scopes, pushes, sharing, HostKeyPublishers.In(_directory.Path), audit, NullLogger<ConnectExtension>.Instance);
        var session = new AgentSession(1, new PeerCredentials(Environment.ProcessId, null, null));
        var request = new ConnectRequest("web.eic", 2222, "ec2-user", null, null, NetworkPath.Auto) { KnownHostsNames = names };
        return ConnectReply.Read(await extension.HandleAsync(session, request.Write(), CancellationToken.None));
    }

    private string[] HostLines() => File.Exists(KnownHostsPath) ? File.ReadAllLines(KnownHostsPath).Where(line => !line.StartsWith('#')).ToArray() : [];
}
