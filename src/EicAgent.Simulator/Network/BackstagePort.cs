using System.Net;
using System.Net.Sockets;

namespace EicAgent.Simulator.Network;

/// <summary>
/// Where an instance's sshd really listens: a free high port of the instance's private address. Only the simulator's
/// <see cref="GuardedPort"/>s and endpoint tunnels connect there; it is not part of the simulated network.
/// </summary>
internal static class BackstagePort
{
    public static IPEndPoint Choose(string address)
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Parse(address), 0));
        return (IPEndPoint)probe.LocalEndPoint!;
    }
}
