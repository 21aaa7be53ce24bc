using EicAgent.Testing;

namespace EicAgent.Agent.Tests.Support;

/// <summary>A test class with its own in-process agent and a private work directory, both gone afterwards.</summary>
public abstract class AgentTest : IAsyncLifetime
{
    protected TestAgent Agent { get; } = TestAgent.Start();

    protected TemporaryDirectory Work { get; } = new();

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await Agent.DisposeAsync();
        Work.Dispose();
    }
}
