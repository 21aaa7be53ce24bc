using System.Net;
using System.Net.Sockets;

namespace EicAgent.Simulator.Fleet;

/// <summary>
/// The loopback /24 (127.A.B.0/24) a simulator puts its instances in. Linux routes all of 127/8 to lo, so each
/// instance gets addresses of its own and the same ssh port; distinct blocks let simulators run side by side.
/// Its IPv6 twin (<see cref="Ipv6Address"/>) is as distinct.
/// </summary>
internal sealed record AddressBlock(byte A, byte B)
{
    private static readonly HashSet<AddressBlock> Claimed = [];

    public string Address(byte host) => $"127.{A}.{B}.{host}";

    /// <summary>The block's IPv6 twin: fdec:2e1c:0:AABB::HOST (hex), a /64 of <see cref="Network.LocalIpv6Prefix"/>.</summary>
    public string Ipv6Address(ushort host) => $"fdec:2e1c:0:{A:x2}{B:x2}::{host:x}";

    /// <summary>
    /// Claims a block (for this process) where nothing listens yet on <paramref name="port"/> at any of
    /// <paramref name="hosts"/>, trying a few random ones.
    /// </summary>
    public static AddressBlock Claim(IReadOnlyCollection<byte> hosts, int port)
    {
        for (var attempt = 0; attempt < 32; attempt++)
        {
            var block = new AddressBlock((byte)Random.Shared.Next(16, 255), (byte)Random.Shared.Next(0, 256));
            lock (Claimed)
            {
                if (!Claimed.Contains(block) && hosts.All(host => IsFree(block.Address(host), port)))
                {
                    Claimed.Add(block);
                    return block;
                }
            }
        }

        throw new InvalidOperationException(
            $"no free loopback block for the simulated instances on port {port} (something listens on 0.0.0.0:{port}? choose another SSH port)");
    }

    public void Release()
    {
        lock (Claimed)
        {
            Claimed.Remove(this);
        }
    }

    private static bool IsFree(string address, int port)
    {
        try
        {
            using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            probe.Bind(new IPEndPoint(IPAddress.Parse(address), port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
