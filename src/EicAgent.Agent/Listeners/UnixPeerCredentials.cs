using System.Net.Sockets;
using System.Runtime.InteropServices;
using EicAgent.Agent.Core;
using EicAgent.Agent.Platform;

namespace EicAgent.Agent.Listeners;

/// <summary>
/// Who is connected to a Unix socket. Linux: SO_PEERCRED (struct ucred: pid, uid, gid). macOS: LOCAL_PEERCRED
/// (struct xucred: version, uid, ...) and LOCAL_PEERPID. Read through Socket.GetRawSocketOption, no P/Invoke;
/// the structs are in the machine's byte order.
/// </summary>
internal static class UnixPeerCredentials
{
    private const int LinuxSolSocket = 1;
    private const int LinuxSoPeerCred = 17;
    private const int MacSolLocal = 0;
    private const int MacLocalPeerCred = 1;
    private const int MacLocalPeerPid = 2;

    public static PeerCredentials Read(Socket socket, IProcessTable processes)
    {
        var (pid, uid) = OperatingSystem.IsLinux() ? ReadLinux(socket)
            : OperatingSystem.IsMacOS() ? ReadMac(socket)
            : (null, null);
        return new PeerCredentials(pid, uid, pid is { } known ? processes.StartTime(known) : null);
    }

    /// <summary>The uid of the peer, or null when this platform cannot say.</summary>
    public static uint? ReadUserId(Socket socket) =>
        OperatingSystem.IsLinux() ? ReadLinux(socket).Uid
        : OperatingSystem.IsMacOS() ? ReadMac(socket).Uid
        : null;

    private static (int? Pid, uint? Uid) ReadLinux(Socket socket)
    {
        Span<byte> ucred = stackalloc byte[12];
        if (socket.GetRawSocketOption(LinuxSolSocket, LinuxSoPeerCred, ucred) < 12)
        {
            return (null, null);
        }

        return (MemoryMarshal.Read<int>(ucred), MemoryMarshal.Read<uint>(ucred[4..]));
    }

    private static (int? Pid, uint? Uid) ReadMac(Socket socket)
    {
        // struct xucred { u_int cr_version; uid_t cr_uid; short cr_ngroups; gid_t cr_groups[16]; }
        Span<byte> xucred = stackalloc byte[76];
        uint? uid = socket.GetRawSocketOption(MacSolLocal, MacLocalPeerCred, xucred) >= 8
            ? MemoryMarshal.Read<uint>(xucred[4..])
            : null;
        Span<byte> pid = stackalloc byte[4];
        int? peerPid = socket.GetRawSocketOption(MacSolLocal, MacLocalPeerPid, pid) == 4
            ? MemoryMarshal.Read<int>(pid)
            : null;
        return (peerPid, uid);
    }
}
