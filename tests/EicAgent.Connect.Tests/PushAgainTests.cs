using EicAgent.Agent.Core;
using EicAgent.Aws.Errors;
using EicAgent.Aws.InstanceConnect;
using EicAgent.Aws.Scopes;
using EicAgent.Cli.Connect;
using EicAgent.Connect.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace EicAgent.Connect.Tests;

/// <summary>
/// A shared key whose ssh processes are still logging in shortly before it expires is pushed again (the same key, a
/// new SendSSHPublicKey), so a login slowed down by a loaded machine still finds it on the instance; riders join
/// only in a key's first 30 s, and nothing is pushed again for logins that are over or with one push per connection.
/// </summary>
public sealed class PushAgainTests : IDisposable
{
    private const string InstanceId = "i-0123456789abcdef0";
    private const string User = "ec2-user";
    private static readonly ClientBinding FirstSsh = new(200_001, 1);
    private static readonly ClientBinding SecondSsh = new(200_002, 1);

    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly KeyRing _keys;
    private readonly SemaphoreSlim _pushed = new(0);
    private Func<int, KeyPushResult> _answer = n => new KeyPushResult($"r-{n}", true);
    private int _pushCount;

    public PushAgainTests() => _keys = new KeyRing(_clock, NullLogger<KeyRing>.Instance);

    [Fact]
    public async Task A_key_whose_login_still_waits_is_pushed_again_before_it_expires_up_to_the_bound_and_kept_60_s_from_each_push()
    {
        var key = _keys.Mint(FirstSsh, User);
        var mintedAt = _clock.GetUtcNow();
        var shared = NewShared(key, pushesAgain: true);
        var reports = new List<PushOutcome>();
        shared.ReportPushesAgain(FirstSsh, reports.Add);

        var run = shared.RunAsync(PushAsync, _clock);
        await PushedAsync(1);
        for (var again = 1; again <= KeySharingPolicy.MaxPushesAgain; again++)
        {
            _clock.Advance(TimeSpan.FromSeconds(35));
            await PushedAsync(1 + again);
        }

        await run.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(1 + KeySharingPolicy.MaxPushesAgain, _pushCount);
        Assert.Equal(Enumerable.Range(2, KeySharingPolicy.MaxPushesAgain).Select(n => $"r-{n}"), reports.Select(report => report.RequestId));
        Assert.Equal(mintedAt + TimeSpan.FromSeconds((35 * KeySharingPolicy.MaxPushesAgain) + 60), key.ExpiresAt);
        _clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Contains(key, _keys.MintedKeys());
    }

    [Fact]
    public async Task A_key_whose_ssh_connections_ended_is_not_pushed_again_and_expires_after_its_60_s()
    {
        var key = _keys.Mint(FirstSsh, User);
        var expiresAt = key.ExpiresAt;
        key.Leave(FirstSsh);
        var run = NewShared(key, pushesAgain: true).RunAsync(PushAsync, _clock);
        await PushedAsync(1);

        _clock.Advance(TimeSpan.FromSeconds(35));

        await run.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(1, _pushCount);
        Assert.Equal(expiresAt, key.ExpiresAt);
    }

    [Fact]
    public async Task With_one_push_per_connection_a_key_is_never_pushed_again()
    {
        var key = _keys.Mint(FirstSsh, User);

        await NewShared(key, pushesAgain: false).RunAsync(PushAsync, _clock).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1, _pushCount);
    }

    [Fact]
    public async Task A_push_again_that_AWS_refuses_is_reported_with_the_reason_and_the_key_keeps_its_first_expiry()
    {
        var key = _keys.Mint(FirstSsh, User);
        var expiresAt = key.ExpiresAt;
        var shared = NewShared(key, pushesAgain: true);
        var reports = new List<PushOutcome>();
        shared.ReportPushesAgain(FirstSsh, reports.Add);
        _answer = n => n == 1 ? new KeyPushResult("r-1", true) : throw new EicAwsException(EicAwsErrorKind.AccessDenied, "not authorized to perform SendSSHPublicKey");

        var run = shared.RunAsync(PushAsync, _clock);
        await PushedAsync(1);
        _clock.Advance(TimeSpan.FromSeconds(35));
        await run.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(2, _pushCount);
        Assert.Equal("not authorized to perform SendSSHPublicKey", Assert.Single(reports).Failure);
        Assert.Equal(expiresAt, key.ExpiresAt);
    }

    [Fact]
    public void A_connection_arriving_after_a_key_s_first_30_s_pushes_its_own_key()
    {
        var sharing = new PushSharing(_keys, new MintLimits(), KeySharingPolicy.Shared, NullLogger<PushSharing>.Instance);
        var scope = new FakeScopes().Scope;
        var first = sharing.Lease(scope, InstanceId, User, FirstSsh, NewSession(1), shareable: true, (_, _) => PushAsync(CancellationToken.None));
        var early = sharing.Lease(scope, InstanceId, User, SecondSsh, NewSession(2), shareable: true, (_, _) => PushAsync(CancellationToken.None));

        _clock.Advance(KeySharingPolicy.RideMargin);
        var late = sharing.Lease(scope, InstanceId, User, new ClientBinding(200_003, 1), NewSession(3), shareable: true, (_, _) => PushAsync(CancellationToken.None));

        Assert.True(early.Rides);
        Assert.Same(first.Key, early.Key);
        Assert.False(late.Rides);
        Assert.NotSame(first.Key, late.Key);
    }

    public void Dispose()
    {
        _keys.Dispose();
        _pushed.Dispose();
    }

    private static AgentSession NewSession(int n) => new(n, new PeerCredentials(100_000 + n, null, 1));

    private static SharedPush NewShared(MintedKey key, bool pushesAgain) => new(key, InstanceId, User, pushesAgain, NullLogger.Instance);

    private Task<KeyPushResult> PushAsync(CancellationToken cancellationToken)
    {
        var n = Interlocked.Increment(ref _pushCount);
        try
        {
            return Task.FromResult(_answer(n));
        }
        finally
        {
            _pushed.Release();
        }
    }

    private async Task PushedAsync(int count)
    {
        while (Volatile.Read(ref _pushCount) < count)
        {
            Assert.True(await _pushed.WaitAsync(TimeSpan.FromSeconds(30)), $"push {count} did not happen");
        }
    }
}
