using System.Net.Sockets;

namespace EicAgent.Simulator.Network;

/// <summary>Relays bytes both ways between two TCP sockets until both directions ended; an end on one side half-closes the other.</summary>
internal static class SocketSplice
{
    private const int BufferBytes = 64 * 1024;

    public static async Task RunAsync(Socket a, Socket b, CancellationToken cancellation)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var there = CopyAsync(a, b, stop.Token);
        var back = CopyAsync(b, a, stop.Token);
        var first = await Task.WhenAny(there, back);
        if (first.IsFaulted || first.IsCanceled)
        {
            // A reset on one side: nothing more can flow the other way either.
            await stop.CancelAsync();
        }

        await Task.WhenAll(there, back).ContinueWith(_ => { }, TaskScheduler.Default);
    }

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
