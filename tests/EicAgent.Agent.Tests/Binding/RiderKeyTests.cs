using EicAgent.Agent.Core;
using EicAgent.Agent.Protocol.Messages;
using EicAgent.Agent.Tests.Support;

namespace EicAgent.Agent.Tests.Binding;

/// <summary>
/// A key another ssh process pushed, that this test process (playing a second ssh) rides on: offered to it, used by
/// it once, and kept for the processes still bound or allowed to join, never offered to anyone else.
/// </summary>
public sealed class RiderKeyTests : AgentTest
{
    private const string OsUser = "ec2-user";
    private static readonly ClientBinding ThisProcess = ClientBinding.ForProcess(Environment.ProcessId);
    private static readonly ClientBinding FirstProcess = ThisProcess with { ProcessStartTime = ThisProcess.ProcessStartTime - 1 };

    [Fact]
    public async Task A_rider_is_offered_the_shared_key_and_signs_with_it_once_while_the_key_stays_for_the_others()
    {
        var shared = Agent.Keys.Mint(FirstProcess, OsUser);
        shared.AcceptRidersUntil(Agent.Time.GetUtcNow().AddSeconds(40));
        Assert.True(shared.TryAddRider(ThisProcess));
        shared.MarkReady();
        await using var client = await Agent.ConnectAsync();

        var offered = Assert.Single(await client.ListIdentitiesAsync(CancellationToken.None));
        var request = SignRequestFor(shared, SessionBindings.NewSessionId());
        var signature = await client.SignAsync(request, CancellationToken.None);
        var again = await client.SignAsync(request, CancellationToken.None);

        Assert.Equal(shared.PublicKeyBlob.ToArray(), offered.KeyBlob);
        Assert.NotNull(signature);
        Assert.Null(again);
        Assert.True(Agent.Log.Contains("was used by this ssh process already"), Agent.Log.ToString());
        Assert.False(shared.Outcome.IsCompleted);
        Assert.Same(shared, Assert.Single(Agent.Keys.MintedKeys()));
        await using var later = await Agent.ConnectAsync();
        Assert.Empty(await later.ListIdentitiesAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_process_not_bound_to_a_shared_key_is_neither_offered_it_nor_signs_with_it()
    {
        var shared = Agent.Keys.Mint(FirstProcess, OsUser);
        shared.AcceptRidersUntil(Agent.Time.GetUtcNow().AddSeconds(40));
        shared.MarkReady();
        await using var client = await Agent.ConnectAsync();

        Assert.Empty(await client.ListIdentitiesAsync(CancellationToken.None));
        Assert.Null(await client.SignAsync(SignRequestFor(shared, SessionBindings.NewSessionId()), CancellationToken.None));
        Assert.True(Agent.Log.Contains("not to this peer"), Agent.Log.ToString());
    }

    [Fact]
    public void No_rider_joins_a_key_that_serves_one_connection_whose_window_closed_or_whose_push_failed()
    {
        var single = Agent.Keys.Mint(FirstProcess, OsUser);
        var closed = Agent.Keys.Mint(FirstProcess, OsUser);
        closed.AcceptRidersUntil(Agent.Time.GetUtcNow().AddSeconds(-1));
        var failed = Agent.Keys.Mint(FirstProcess, OsUser);
        failed.AcceptRidersUntil(Agent.Time.GetUtcNow().AddSeconds(40));
        failed.MarkFailed("AuthException");

        Assert.False(single.TryAddRider(ThisProcess));
        Assert.False(closed.TryAddRider(ThisProcess));
        Assert.False(failed.TryAddRider(ThisProcess));
    }

    [Fact]
    public async Task A_shared_key_every_bound_process_used_is_forgotten_once_no_rider_may_join()
    {
        var shared = Agent.Keys.Mint(ThisProcess, OsUser);
        shared.AcceptRidersUntil(Agent.Time.GetUtcNow().AddSeconds(45));
        shared.MarkReady();
        await using var client = await Agent.ConnectAsync();

        Assert.NotNull(await client.SignAsync(SignRequestFor(shared, SessionBindings.NewSessionId()), CancellationToken.None));
        Assert.Same(shared, Assert.Single(Agent.Keys.MintedKeys()));
        Agent.Clock.Advance(TimeSpan.FromSeconds(45));
        Assert.Empty(Agent.Keys.MintedKeys());

        Assert.Equal(MintedKeyOutcome.Used, await shared.Outcome.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task A_key_pushed_again_is_still_offered_and_signs_past_its_first_60_s_until_60_s_after_that_push()
    {
        var minted = Agent.Keys.Mint(ThisProcess, OsUser);
        minted.MarkReady();
        Agent.Clock.Advance(TimeSpan.FromSeconds(35));
        minted.PushedAgain(Agent.Time.GetUtcNow());
        Agent.Clock.Advance(TimeSpan.FromSeconds(30));
        await using var client = await Agent.ConnectAsync();

        var offered = Assert.Single(await client.ListIdentitiesAsync(CancellationToken.None));
        Assert.Equal(minted.PublicKeyBlob.ToArray(), offered.KeyBlob);
        Assert.NotNull(await client.SignAsync(SignRequestFor(minted, SessionBindings.NewSessionId()), CancellationToken.None));
    }

    [Fact]
    public async Task A_bound_process_whose_connection_ended_before_it_signed_is_neither_offered_the_key_nor_signs_with_it()
    {
        var minted = Agent.Keys.Mint(ThisProcess, OsUser);
        minted.MarkReady();
        minted.Leave(ThisProcess);
        await using var client = await Agent.ConnectAsync();

        Assert.Empty(await client.ListIdentitiesAsync(CancellationToken.None));
        Assert.Null(await client.SignAsync(SignRequestFor(minted, SessionBindings.NewSessionId()), CancellationToken.None));
        Assert.False(minted.AwaitsLogins);
    }

    private static SignRequest SignRequestFor(MintedKey minted, byte[] sessionId) =>
        new(minted.PublicKeyBlob.ToArray(), SessionBindings.UserAuthData(sessionId, OsUser, minted.PublicKeyBlob), SignatureFlags.None);
}
