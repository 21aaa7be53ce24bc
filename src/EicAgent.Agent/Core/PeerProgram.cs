using EicAgent.Agent.Platform;

namespace EicAgent.Agent.Core;

/// <summary>
/// Whether the process on the other end runs this very program (`eic`, `eic.exe`), judged by executable name as
/// <see cref="SshClientExecutable"/> judges ssh. A request relayed from a forwarded agent arrives from an ssh process,
/// never from eic, so what is kept for eic's own commands (an MFA role session) is out of its reach. A class, so that
/// unit tests of the extensions that ask can stand in for the process table.
/// </summary>
public class PeerProgram
{
    public virtual bool IsThisProgram(PeerCredentials peer) => IsThisProgram(peer, ProcessTable.Current, Environment.ProcessPath);

    internal static bool IsThisProgram(PeerCredentials peer, IProcessTable processes, string? ownPath)
    {
        if (peer is not { ProcessId: { } pid, ProcessStartTime: { } start } || ownPath is null)
        {
            return false;
        }

        var name = processes.ExecutableName(pid);

        // Read after the name: a peer that exited and whose pid was reused meanwhile does not count.
        return processes.StartTime(pid) == start
            && string.Equals(name, Path.GetFileName(ownPath), OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
    }
}
