using System.Runtime.CompilerServices;
using EicAgent.Agent.Core;

namespace EicAgent.Cli.Connect;

/// <summary>The key push each ProxyCommand connection started, and its key, so that it can ask how both ended.</summary>
internal sealed class ConnectionPushes
{
    private readonly ConditionalWeakTable<AgentSession, ConnectionPush> _bySession = [];

    public void Add(AgentSession session, Task<PushStatus> push, MintedKey? key, ClientBinding? binding) =>
        _bySession.AddOrUpdate(session, new ConnectionPush(push, key, binding));

    public Task<PushStatus>? Find(AgentSession session) => FindConnection(session)?.Status;

    public ConnectionPush? FindConnection(AgentSession session) => _bySession.TryGetValue(session, out var push) ? push : null;
}

/// <summary>
/// One connection's push, the key it published (or rode on) and the ssh process bound to it for this connection; key
/// and process are null for a key of the user's own (`--push-key`), which eic does not sign with.
/// </summary>
internal sealed record ConnectionPush(Task<PushStatus> Status, MintedKey? Key, ClientBinding? Binding);
