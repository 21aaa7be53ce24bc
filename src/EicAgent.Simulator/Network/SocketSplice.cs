using System.Net.Sockets;

namespace EicAgent.Simulator.Network;

/// <summary>Relays bytes both ways between two TCP sockets until both directions ended; an end on one side half-closes the other.</summary>
internal static class SocketSplice
{
    private const int BufferBytes = 64 * 1024;

    public static Task RunAsync(Socket a, Socket b, CancellationToken cancellation) =>
        BothWays.RunAsync(stop => CopyAsync(a, b, stop), stop => CopyAsync(b, a, stop), cancellation);

    private static async Task CopyAsync(Socket from, Socket to, CancellationToken cancellation)
    {
        var buffer = new byte[BufferBytes];
        int read;
        while ((read = await from.ReceiveAsync(buffer.AsMemory(), SocketFlags.None, cancellation)) > 0)
        {
            await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, cancellation);
        }

        to.Shutdown(SocketShutdown.Send);
    }
}
