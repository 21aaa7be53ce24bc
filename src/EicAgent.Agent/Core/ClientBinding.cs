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
    /// one-line reason when the proxy's pid is unknown, it is no longer the process that connected, or its parent
    /// cannot be read or is not an ssh client (<see cref="SshClientExecutable"/>).
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
        if (proxyPeer is not { ProcessId: { } proxyPid, ProcessStartTime: { } proxyStart })
        {
            throw new InvalidOperationException("cannot bind a key: the proxy's process id or start time is unknown on this platform");
        }

        if (processes.ParentProcessId(proxyPid) is not { } parentPid)
        {
            throw new InvalidOperationException($"cannot bind a key: the parent of process {proxyPid} cannot be read (has it exited?)");
        }

        var binding = ForProcess(parentPid, processes);
        var executable = processes.ExecutableName(parentPid);

        // Read after the parent: had the proxy exited and its pid been reused meanwhile, or had its ssh exited
        // (the proxy is then re-parented), what was read above belongs to some other process.
        if (processes.StartTime(proxyPid) != proxyStart || processes.ParentProcessId(proxyPid) != parentPid)
        {
            throw new InvalidOperationException($"cannot bind a key: process {proxyPid} that asked is gone or has another parent now");
        }

        if (!SshClientExecutable.Is(executable))
        {
            throw new InvalidOperationException(
                $"cannot mint a key: process {proxyPid} was not started by ssh (its parent {parentPid} runs {executable ?? "an unreadable executable"}); only a ProxyCommand that ssh started may have one");
        }

        return binding;
    }

    internal static ClientBinding ForProcess(int processId, IProcessTable processes) =>
        processes.StartTime(processId) is { } startTime
            ? new ClientBinding(processId, startTime)
            : throw new InvalidOperationException($"cannot bind a key: the start time of process {processId} cannot be read (has it exited?)");
}
