using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace EicAgent.Simulator.Network;

/// <summary>
/// Port 22 of one simulated address: a TCP listener the simulator owns in front of the instance's sshd (which listens
/// only on its backstage port). Each connection is checked against the instance's security groups as they are at
/// that moment; an admitted one is spliced to sshd, a refused one is dropped as EC2 drops it: no byte, no answer,
/// until the client gives up (or <see cref="DropHold"/> passes, then a reset), which ssh reports as a timeout.
/// </summary>
internal sealed class GuardedPort : IAsyncDisposable
{
    /// <summary>How long a dropped connection is held silent before it is reset (a client's own timeout usually ends it first).</summary>
    public static readonly TimeSpan DropHold = TimeSpan.FromSeconds(60);

    private readonly Socket _listener;
    private readonly IPEndPoint _backstage;
    private readonly Func<IPAddress, bool> _admit;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<Task, bool> _connections = new();
    private readonly Task _accepting;

    private GuardedPort(Socket listener, IPEndPoint backstage, Func<IPAddress, bool> admit)
    {
        _listener = listener;
        _backstage = backstage;
        _admit = admit;
        _accepting = AcceptLoopAsync();
    }

    /// <summary>Listens on <paramref name="address"/>; <paramref name="admit"/> decides per connection from its source address.</summary>
    public static GuardedPort Open(IPEndPoint address, IPEndPoint backstage, Func<IPAddress, bool> admit)
    {
        var listener = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            LocalIpv6Prefix.AllowBind(listener);
            listener.Bind(address);
            listener.Listen(128);
            return new GuardedPort(listener, backstage, admit);
        }
        catch
        {
            listener.Dispose();
            throw;
        }
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            var connection = ServeAsync(client);
            _connections[connection] = true;
            _ = connection.ContinueWith(done => _connections.TryRemove(done, out _), TaskScheduler.Default);
        }
    }

    private async Task ServeAsync(Socket client)
    {
        using (client)
        {
            client.NoDelay = true;
            try
            {
                var source = ((IPEndPoint)client.RemoteEndPoint!).Address;
                if (!_admit(source))
                {
                    await DropAsync(client);
                    return;
                }

                using var sshd = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                await sshd.ConnectAsync(_backstage, _stop.Token);
                await SocketSplice.RunAsync(client, sshd, _stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                // The instance stopped or a side reset: the client sees its connection end, as with a real machine.
            }
        }
    }

    private async Task DropAsync(Socket client)
    {
        using var hold = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        hold.CancelAfter(DropHold);
        var sink = new byte[4096];
        try
        {
            while (await client.ReceiveAsync(sink.AsMemory(), SocketFlags.None, hold.Token) > 0)
            {
            }
        }
        catch (OperationCanceledException)
        {
        }

        client.LingerState = new LingerOption(true, 0);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Dispose();
        await _accepting;
        await Task.WhenAll(_connections.Keys).ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
    }
}
