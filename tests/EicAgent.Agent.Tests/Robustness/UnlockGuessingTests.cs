using EicAgent.Agent.Client;
using EicAgent.Agent.Core;
using EicAgent.Agent.Protocol;
using EicAgent.Agent.Protocol.Messages;
using EicAgent.Agent.Tests.Support;

namespace EicAgent.Agent.Tests.Robustness;

/// <summary>
/// Guessing the unlock passphrase is as slow as against OpenSSH's agent: the n-th wrong guess in a row is answered
/// after n * 0.1 s (10 guesses: 5.5 s), on one connection or many, while other requests are answered at once.
/// Time is the agent's fake clock, moved by the test in steps of 0.1 s; what it took to get each answer is counted.
/// </summary>
public sealed class UnlockGuessingTests : AgentTest
{
    private const string Passphrase = "correct horse";
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Wrong_guesses_are_answered_ever_more_slowly_and_the_right_passphrase_still_unlocks()
    {
        await using var client = await Agent.ConnectAsync();
        Assert.Equal(AgentMessageType.Success, (await client.RequestAsync(LockRequest.Create(AgentMessageType.Lock, Passphrase), default)).Type);

        var total = TimeSpan.Zero;
        for (var failures = 1; failures <= 10; failures++)
        {
            var (reply, took) = await AnswerAndFakeTimeAsync(client.RequestAsync(LockRequest.Create(AgentMessageType.Unlock, $"guess {failures}"), default));

            Assert.Equal(AgentMessageType.Failure, reply.Type);
            Assert.True(took >= UnlockThrottle.DelayAfter(failures), $"guess {failures} answered after {took}");
            total += took;
        }

        Assert.True(total >= TimeSpan.FromSeconds(5.5), $"10 guesses took {total}");
        Assert.True(Agent.Log.Contains("wrong passphrase (10 in a row; answered after 1.0 s)"), Agent.Log.ToString());

        var unlocked = await client.RequestAsync(LockRequest.Create(AgentMessageType.Unlock, Passphrase), default).WaitAsync(Bound);
        Assert.Equal(AgentMessageType.Success, unlocked.Type);
        Assert.Equal(0, (await Agent.SshAddAsync("-D")).ExitCode);
    }

    [Fact]
    public async Task Guesses_on_many_connections_at_once_are_no_faster_and_hold_up_nobody_else()
    {
        await using var locker = await Agent.ConnectAsync();
        await locker.RequestAsync(LockRequest.Create(AgentMessageType.Lock, Passphrase), default);
        var guessers = new List<AgentClient>();
        for (var i = 0; i < 5; i++)
        {
            guessers.Add(await Agent.ConnectAsync());
        }

        var guesses = Task.WhenAll(guessers.Select((guesser, i) => guesser.RequestAsync(LockRequest.Create(AgentMessageType.Unlock, $"guess {i}"), default)));

        // While the guesses wait, anyone else is answered (a locked agent lists nothing).
        Assert.Empty(await locker.ListIdentitiesAsync(default).WaitAsync(Bound));
        var (replies, took) = await AnswerAndFakeTimeAsync(guesses);

        Assert.All(replies, reply => Assert.Equal(AgentMessageType.Failure, reply.Type));
        var policy = Enumerable.Range(1, 5).Aggregate(TimeSpan.Zero, (sum, failures) => sum + UnlockThrottle.DelayAfter(failures));
        Assert.True(took >= policy, $"5 guesses at once answered after {took}, the policy says at least {policy}");
        foreach (var guesser in guessers)
        {
            await guesser.DisposeAsync();
        }
    }

    /// <summary>
    /// Awaits <paramref name="answer"/>, moving the fake clock 0.1 s whenever it has not come for a moment; returns
    /// the answer and how far the clock was moved. A delay timer set after a move needs its full time after it, so
    /// the figure is never below the agent's real delay.
    /// </summary>
    private async Task<(T Answer, TimeSpan FakeTime)> AnswerAndFakeTimeAsync<T>(Task<T> answer)
    {
        using var bound = new CancellationTokenSource(Bound);
        var moved = TimeSpan.Zero;
        while (await Task.WhenAny(answer, Task.Delay(TimeSpan.FromMilliseconds(50), bound.Token)) != answer)
        {
            Agent.Clock.Advance(UnlockThrottle.Step);
            moved += UnlockThrottle.Step;
        }

        return (await answer, moved);
    }
}
