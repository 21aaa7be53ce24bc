using EicAgent.Agent.Core;
using EicAgent.Aws.Errors;
using EicAgent.Aws.InstanceConnect;
using EicAgent.Aws.Paths;
using EicAgent.Cli.Audit;
using EicAgent.Cli.Connect;
using EicAgent.Connect.Tests.Fakes;
using EicAgent.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace EicAgent.Connect.Tests;

/// <summary>Connections of one caller to one instance and user ride on one pushed key, unless the agent pushes per connection.</summary>
public sealed class KeySharingTests : IDisposable
{
    private const string InstanceId = "i-0123456789abcdef0";

    private readonly TemporaryDirectory _directory = new("eic-sharing-");
    private readonly FakeScopes _scopes = new();
    private readonly ConnectionPushes _pushes = new();
    private readonly KeyRing _keys = new(TimeProvider.System, NullLogger<KeyRing>.Instance);
    private readonly TestLog _log = new();
    private readonly TaskCompletionSource _pushMayEnd = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _pushCount;

    public KeySharingTests() => _scopes.Scope.Push = async (_, token) =>
    {
        Interlocked.Increment(ref _pushCount);
        await _pushMayEnd.Task.WaitAsync(token);
        return new KeyPushResult($"r-{_pushCount}", true);
    };

    private string AuditPath => _directory.Combine("audit.jsonl");

    [Fact]
    public async Task Concurrent_connections_to_one_instance_and_user_wait_for_one_push_and_are_all_bound_to_its_key()
    {
        var sessions = Enumerable.Range(1, 5).Select(NewSession).ToList();
        var extension = Extension(KeySharingPolicy.Shared);
        foreach (var session in sessions)
        {
            Assert.Null((await ConnectAsync(extension, session, InstanceId)).Refusal);
        }

        _pushMayEnd.SetResult();
        var statuses = await Task.WhenAll(sessions.Select(session => _pushes.Find(session)!));

        Assert.All(statuses, status => Assert.Null(status.Failure));
        Assert.Equal(1, _pushCount);
        var key = Assert.Single(_keys.MintedKeys());
        Assert.Equal(5, key.BoundProcesses);
        await AuditHasAsync(5);
        Assert.Single(AuditLines(), line => line.Contains("\"result\":\"pushed\"", StringComparison.Ordinal));
        Assert.Equal(4, AuditLines().Count(line => line.Contains("\"result\":\"rode\"", StringComparison.Ordinal) && line.Contains("\"request_id\":\"r-1\"", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task With_push_per_connection_every_connection_pushes_its_own_key()
    {
        _pushMayEnd.SetResult();
        var sessions = Enumerable.Range(1, 3).Select(NewSession).ToList();
        var extension = Extension(new KeySharingPolicy(PushPerConnection: true));
        foreach (var session in sessions)
        {
            Assert.Null((await ConnectAsync(extension, session, InstanceId)).Refusal);
        }

        await Task.WhenAll(sessions.Select(session => _pushes.Find(session)!));

        Assert.Equal(3, _pushCount);
        Assert.Equal(3, _keys.MintedKeys().Count);
        Assert.All(_keys.MintedKeys(), key => Assert.Equal(1, key.BoundProcesses));
    }

    [Fact]
    public async Task Another_user_on_the_same_instance_gets_a_key_of_its_own()
    {
        _pushMayEnd.SetResult();
        var extension = Extension(KeySharingPolicy.Shared);

        await ConnectAsync(extension, NewSession(1), InstanceId, "ec2-user");
        await ConnectAsync(extension, NewSession(2), InstanceId, "admin");

        Assert.Equal(2, _pushCount);
    }

    [Fact]
    public async Task The_first_connection_closing_does_not_cancel_the_push_its_riders_wait_for()
    {
        var (first, rider) = (NewSession(1), NewSession(2));
        var extension = Extension(KeySharingPolicy.Shared);
        await ConnectAsync(extension, first, InstanceId);
        await ConnectAsync(extension, rider, InstanceId);

        first.Close();
        _pushMayEnd.SetResult();

        Assert.Null((await _pushes.Find(rider)!.WaitAsync(TimeSpan.FromSeconds(30))).Failure);
    }

    [Fact]
    public async Task A_throttled_push_is_retried_says_so_and_succeeds()
    {
        var attempts = 0;
        _scopes.Scope.Push = (_, _) => Interlocked.Increment(ref attempts) <= 2
            ? throw new EicAwsException(EicAwsErrorKind.Throttled, "Rate exceeded")
            : Task.FromResult(new KeyPushResult("r-3", true));
        var session = NewSession(1);

        await ConnectAsync(Extension(KeySharingPolicy.Shared), session, InstanceId);

        Assert.Null((await _pushes.Find(session)!.WaitAsync(TimeSpan.FromSeconds(30))).Failure);
        Assert.Equal(3, attempts);
        Assert.Equal(2, _log.Entries.Count(entry => entry.Message.StartsWith($"AWS throttled SendSSHPublicKey to {InstanceId} for ec2-user", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_push_throttled_beyond_the_retries_is_a_failure_with_the_reason()
    {
        var attempts = 0;
        _scopes.Scope.Push = (_, _) =>
        {
            Interlocked.Increment(ref attempts);
            throw new EicAwsException(EicAwsErrorKind.Throttled, "Rate exceeded");
        };
        var session = NewSession(1);

        await ConnectAsync(Extension(KeySharingPolicy.Shared), session, InstanceId);

        Assert.Equal("Rate exceeded", (await _pushes.Find(session)!.WaitAsync(TimeSpan.FromSeconds(60))).Failure);
        Assert.InRange(attempts, 2, PushRetry.MaxAttempts);
    }

    public void Dispose()
    {
        _keys.Dispose();
        _directory.Dispose();
    }

    // Each session stands for a ProxyCommand started by its own ssh process.
    private static AgentSession NewSession(int n) => new(n, new PeerCredentials(100_000 + n, null, 1));

    private ConnectExtension Extension(KeySharingPolicy policy) => new(
        _keys, new OneSshPerProxy(), _scopes, _pushes, new PushSharing(_keys, new MintLimits(), policy, _log.For<PushSharing>()), HostKeyPublishers.None(),
        new AuditLog(AuditPath, TimeProvider.System, NullLogger<AuditLog>.Instance), NullLogger<ConnectExtension>.Instance);

    private static async Task<ConnectReply> ConnectAsync(ConnectExtension extension, AgentSession session, string host, string user = "ec2-user")
    {
        var request = new ConnectRequest(host, 22, user, null, null, NetworkPath.Auto);
        return ConnectReply.Read(await extension.HandleAsync(session, request.Write(), CancellationToken.None));
    }

    private async Task AuditHasAsync(int lines)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (AuditLines().Length < lines)
        {
            await Task.Delay(20, timeout.Token);
        }
    }

    private string[] AuditLines() => File.Exists(AuditPath) ? File.ReadAllLines(AuditPath) : [];

    private sealed class OneSshPerProxy : SshClientBinder
    {
        public override ClientBinding ForParentOf(PeerCredentials proxyPeer) => new(proxyPeer.ProcessId!.Value + 1, 1);
    }
}
