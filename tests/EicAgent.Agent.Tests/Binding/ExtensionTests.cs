using EicAgent.Agent.Core;
using EicAgent.Agent.Protocol;
using EicAgent.Agent.Protocol.Messages;
using EicAgent.Agent.Tests.Support;

namespace EicAgent.Agent.Tests.Binding;

/// <summary>Extensions registered when the server is built are dispatched by name and listed by `query`.</summary>
public sealed class ExtensionTests
{
    [Fact]
    public async Task A_registered_extension_gets_the_session_and_its_raw_contents_and_is_listed_by_query()
    {
        var echo = new EchoExtension();
        await using var agent = TestAgent.Start(new AgentServerOptions { Extensions = [echo] });
        await using var client = await agent.ConnectAsync();

        var reply = await client.ExtensionAsync("echo@test", [1, 2, 3], CancellationToken.None);
        var query = await client.ExtensionAsync("query", [], CancellationToken.None);

        Assert.Equal(AgentMessageType.Success, reply.Type);
        Assert.Equal([1, 2, 3], reply.Body.ToArray());
        Assert.Equal(Environment.ProcessId, echo.Session?.Peer.ProcessId);
        Assert.Equal(AgentMessageType.Success, query.Type);
        Assert.Equal(["query", SessionBindRequest.ExtensionName, "echo@test"], QueryReply.Read(query.Body));
    }

    [Fact]
    public async Task An_unknown_extension_fails_and_an_extension_that_throws_answers_extension_failure_for_its_request_only()
    {
        await using var agent = TestAgent.Start(new AgentServerOptions { Extensions = [new ThrowingExtension()] });
        await using var client = await agent.ConnectAsync();

        var unknown = await client.ExtensionAsync("nope@test", [], CancellationToken.None);
        var thrown = await client.ExtensionAsync("throws@test", [], CancellationToken.None);
        var stillServing = await client.ListIdentitiesAsync(CancellationToken.None);

        Assert.Equal(AgentMessageType.Failure, unknown.Type);
        Assert.Equal(AgentMessageType.ExtensionFailure, thrown.Type); // known but failed, told apart from "no such extension"
        Assert.Empty(stillServing);
        Assert.True(agent.Log.Contains("unknown extension nope@test"), agent.Log.ToString());
    }

    [Fact]
    public async Task An_extension_learns_that_the_connection_it_served_has_closed()
    {
        var echo = new EchoExtension();
        await using var agent = TestAgent.Start(new AgentServerOptions { Extensions = [echo] });
        var client = await agent.ConnectAsync();
        await client.ExtensionAsync("echo@test", [], CancellationToken.None);
        var closed = new TaskCompletionSource();
        echo.Session!.Closed.Register(closed.SetResult);

        Assert.False(echo.Session.Closed.IsCancellationRequested);
        await client.DisposeAsync();

        await closed.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    private sealed class EchoExtension : IAgentExtension
    {
        public AgentSession? Session { get; private set; }

        public string Name => "echo@test";

        public ValueTask<AgentMessage> HandleAsync(AgentSession session, ReadOnlyMemory<byte> contents, CancellationToken cancellationToken)
        {
            Session = session;
            return ValueTask.FromResult(AgentMessage.Create(AgentMessageType.Success, writer => writer.WriteRaw(contents.Span)));
        }
    }

    private sealed class ThrowingExtension : IAgentExtension
    {
        public string Name => "throws@test";

        public ValueTask<AgentMessage> HandleAsync(AgentSession session, ReadOnlyMemory<byte> contents, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("boom");
    }
}
