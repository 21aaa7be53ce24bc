namespace EicAgent.Agent.Core;

/// <summary>
/// Who is on the other end of a connection, as the operating system reports it (SO_PEERCRED, LOCAL_PEERPID,
/// GetNamedPipeClientProcessId). The start time tells a live process from a later one that reuses its pid.
/// Any part may be unknown (null) when the platform cannot say or the process has already exited.
/// </summary>
public sealed record PeerCredentials(int? ProcessId, uint? UserId, long? ProcessStartTime)
{
    public static PeerCredentials Unknown { get; } = new(null, null, null);

    public override string ToString() =>
        $"pid {ProcessId?.ToString() ?? "?"} uid {UserId?.ToString() ?? "?"}";
}
