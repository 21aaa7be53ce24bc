using EicAgent.Agent.Protocol;
using EicAgent.Agent.Tests.Support;

namespace EicAgent.Agent.Tests.Binding;

/// <summary>session-bind@openssh.com: verified, kept on the connection, and re-bound only as OpenSSH allows.</summary>
public sealed class SessionBindTests : AgentTest
{
    [Fact]
    public async Task A_bind_whose_signature_does_not_verify_is_refused()
    {
        await using var client = await Agent.ConnectAsync();
        var genuine = SessionBindings.Signed(SessionBindings.NewSessionId(), isForwarding: false);
        var forged = genuine with { SessionId = SessionBindings.NewSessionId() };

        var reply = await client.RequestAsync(forged.ToMessage(), CancellationToken.None);

        Assert.Equal(AgentMessageType.Failure, reply.Type);
        Assert.True(Agent.Log.Contains("signature over the session id does not verify"), Agent.Log.ToString());
    }

    [Fact]
    public async Task Nothing_more_may_be_bound_after_a_bind_for_authentication()
    {
        await using var client = await Agent.ConnectAsync();
        var first = await client.RequestAsync(SessionBindings.Signed(SessionBindings.NewSessionId(), isForwarding: false).ToMessage(), CancellationToken.None);

        var second = await client.RequestAsync(SessionBindings.Signed(SessionBindings.NewSessionId(), isForwarding: true).ToMessage(), CancellationToken.None);

        Assert.Equal(AgentMessageType.Success, first.Type);
        Assert.Equal(AgentMessageType.Failure, second.Type);
        Assert.True(Agent.Log.Contains("already bound to a session for authentication"), Agent.Log.ToString());
    }

    [Fact]
    public async Task Forwarding_hops_may_be_followed_by_more_hops_and_one_authentication()
    {
        await using var client = await Agent.ConnectAsync();
        var hop = SessionBindings.Signed(SessionBindings.NewSessionId(), isForwarding: true);

        var replies = new[]
        {
            await client.RequestAsync(hop.ToMessage(), CancellationToken.None),
            await client.RequestAsync(hop.ToMessage(), CancellationToken.None),
            await client.RequestAsync(SessionBindings.Signed(SessionBindings.NewSessionId(), isForwarding: true).ToMessage(), CancellationToken.None),
            await client.RequestAsync(SessionBindings.Signed(SessionBindings.NewSessionId(), isForwarding: false).ToMessage(), CancellationToken.None),
        };

        Assert.All(replies, reply => Assert.Equal(AgentMessageType.Success, reply.Type));
    }

    [Fact]
    public async Task The_same_session_with_another_host_key_is_refused()
    {
        await using var client = await Agent.ConnectAsync();
        var sessionId = SessionBindings.NewSessionId();
        await client.RequestAsync(SessionBindings.Signed(sessionId, isForwarding: true).ToMessage(), CancellationToken.None);

        var reply = await client.RequestAsync(SessionBindings.Signed(sessionId, isForwarding: true).ToMessage(), CancellationToken.None);

        Assert.Equal(AgentMessageType.Failure, reply.Type);
        Assert.True(Agent.Log.Contains("already bound to a different host key"), Agent.Log.ToString());
    }

    [Fact]
    public async Task A_user_key_signs_only_for_the_session_its_connection_is_bound_to()
    {
        var key = await OpenSshKey.GenerateAsync(Work, "ed25519");
        await Agent.SshAddAsync(key.PrivatePath);
        await using var client = await Agent.ConnectAsync();
        var blob = (await client.ListIdentitiesAsync(CancellationToken.None))[0].KeyBlob;
        var sessionId = SessionBindings.NewSessionId();
        await client.RequestAsync(SessionBindings.Signed(sessionId, isForwarding: false).ToMessage(), CancellationToken.None);

        var forBound = await client.SignAsync(new(blob, SessionBindings.UserAuthData(sessionId, "root", blob), 0), CancellationToken.None);
        var forOther = await client.SignAsync(new(blob, SessionBindings.UserAuthData(SessionBindings.NewSessionId(), "root", blob), 0), CancellationToken.None);

        Assert.NotNull(forBound);
        Assert.Null(forOther);
    }
}
