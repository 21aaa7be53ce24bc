using EicAgent.Agent.Tests.Support;

namespace EicAgent.Agent.Tests.Protocol;

/// <summary>
/// The ProxyCommand waits for its agent to hang up (a killed agent leaves ssh's key file unserved) on the same
/// connection it later asks again: the wait must neither eat the next reply nor miss the agent's end.
/// </summary>
public sealed class AgentClientHangUpTests
{
    [Fact]
    public async Task A_request_made_while_waiting_for_the_hang_up_gets_its_whole_reply()
    {
        await using var agent = TestAgent.Start();
        await using var client = await agent.ConnectAsync();
        var hangUp = client.HangUpAsync();

        var identities = await client.ListIdentitiesAsync(CancellationToken.None);

        Assert.Empty(identities);
        Assert.False(await hangUp);
        Assert.Empty(await client.ListIdentitiesAsync(CancellationToken.None));
    }

    [Fact]
    public async Task The_wait_ends_when_the_agent_stops_and_the_next_request_fails()
    {
        var agent = TestAgent.Start();
        await using var client = await agent.ConnectAsync();
        _ = await client.ListIdentitiesAsync(CancellationToken.None);
        var hangUp = client.HangUpAsync();

        await agent.DisposeAsync();

        Assert.True(await hangUp.WaitAsync(TimeSpan.FromSeconds(30)));
        await Assert.ThrowsAnyAsync<IOException>(() => client.ListIdentitiesAsync(CancellationToken.None));
    }
}
