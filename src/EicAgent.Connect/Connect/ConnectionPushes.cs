using System.Runtime.CompilerServices;
using EicAgent.Agent.Core;

namespace EicAgent.Cli.Connect;

/// <summary>The key push each ProxyCommand connection started, so that it can ask how it ended.</summary>
internal sealed class ConnectionPushes
{
    private readonly ConditionalWeakTable<AgentSession, Task<PushStatus>> _bySession = [];

    public void Add(AgentSession session, Task<PushStatus> push) => _bySession.AddOrUpdate(session, push);

    public Task<PushStatus>? Find(AgentSession session) => _bySession.TryGetValue(session, out var push) ? push : null;
}
