using EicAgent.Agent.Platform;

namespace EicAgent.Agent.Core;

/// <summary>
/// The one ssh process a minted key is for: its pid and its start time (so a later process that reuses the
/// pid is not mistaken for it).
/// </summary>
public sealed record ClientBinding(int ProcessId, long ProcessStartTime)
{
    /// <summary>
    /// The ssh process that started a ProxyCommand: ssh forks and execs `$SHELL -c "exec COMMAND"`, so the proxy's
    /// parent is the ssh that will connect to the agent. Throws <see cref="InvalidOperationException"/> with a
    /// one-line reason when the proxy's pid is unknown or its parent cannot be read.
    /// </summary>
    public static ClientBinding ForParentOf(PeerCredentials proxyPeer) => ForParentOf(proxyPeer, ProcessTable.Current);

    /// <summary>A binding to a process known by pid, e.g. one the caller started itself.</summary>
    public static ClientBinding ForProcess(int processId) => ForProcess(processId, ProcessTable.Current);

    /// <summary>True when <paramref name="peer"/> is this very process: same pid and same start time.</summary>
    public bool Matches(PeerCredentials peer) =>
        peer.ProcessId == ProcessId && peer.ProcessStartTime == ProcessStartTime;

    public override string ToString() => $"pid {ProcessId}";

    internal static ClientBinding ForParentOf(PeerCredentials proxyPeer, IProcessTable processes)
    {
        if (proxyPeer.ProcessId is not { } proxyPid)
        {
            throw new InvalidOperationException("cannot bind a key: the proxy's process id is unknown on this platform");
        }

        if (processes.ParentProcessId(proxyPid) is not { } parentPid)
        {
            throw new InvalidOperationException($"cannot bind a key: the parent of process {proxyPid} cannot be read (has it exited?)");
        }

        return ForProcess(parentPid, processes);
    }

    internal static ClientBinding ForProcess(int processId, IProcessTable processes) =>
        processes.StartTime(processId) is { } startTime
            ? new ClientBinding(processId, startTime)
            : throw new InvalidOperationException($"cannot bind a key: the start time of process {processId} cannot be read (has it exited?)");
}
