using System.Net.Sockets;
using EicAgent.Agent.Listeners;
using EicAgent.Agent.Platform;

namespace EicAgent.Agent.Client;

/// <summary>
/// Whoever answers on the agent socket must be us or root (SO_PEERCRED / LOCAL_PEERCRED): another user who
/// got a socket onto our path, e.g. in a directory others may write, never learns our requests.
/// </summary>
internal static class AgentPeerTrust
{
    public static void Ensure(Socket socket, string path)
    {
        if (OperatingSystem.IsWindows() || UnixPeerCredentials.ReadUserId(socket) is not { } peerUid)
        {
            return;
        }

        var ownUid = Posix.EffectiveUserId;
        if (peerUid != ownUid && peerUid != 0)
        {
            throw new UntrustedAgentException(
                $"refusing the agent socket {path}: the process answering there runs as uid {peerUid}, not as you (uid {ownUid}) or root");
        }
    }
}

/// <summary>What answers on the agent's path belongs to another user; the message is one line for the user.</summary>
public sealed class UntrustedAgentException(string message) : IOException(message);
