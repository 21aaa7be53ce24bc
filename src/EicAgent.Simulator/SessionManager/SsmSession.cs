using System.Collections.Concurrent;
using EicAgent.Simulator.Fleet;

namespace EicAgent.Simulator.SessionManager;

/// <summary>One Session Manager session that StartSession opened: its token opens its data channel once.</summary>
internal sealed class SsmSession(string sessionId, string token, SimulatedInstance instance, int port)
{
    private readonly CancellationTokenSource _terminated = new();
    private int _opened;

    public string SessionId { get; } = sessionId;

    public string Token { get; } = token;

    public SimulatedInstance Instance { get; } = instance;

    public int Port { get; } = port;

    /// <summary>Cancelled by TerminateSession: the data channel then says channel_closed with this reason.</summary>
    public CancellationToken Terminated => _terminated.Token;

    public string? TerminationReason { get; private set; }

    /// <summary>Only the first websocket with the token gets the channel.</summary>
    public bool TryOpen() => Interlocked.Exchange(ref _opened, 1) == 0;

    public void Terminate(string reason)
    {
        TerminationReason ??= reason;
        _terminated.Cancel();
    }
}

/// <summary>The sessions StartSession opened and TerminateSession has not ended yet.</summary>
internal sealed class SsmSessions
{
    private readonly ConcurrentDictionary<string, SsmSession> _sessions = new(StringComparer.Ordinal);

    public int Count => _sessions.Count;

    public void Add(SsmSession session) => _sessions[session.SessionId] = session;

    public SsmSession? Find(string sessionId) => _sessions.GetValueOrDefault(sessionId);

    public bool Remove(string sessionId, out SsmSession? session) => _sessions.TryRemove(sessionId, out session);
}
