using System.Net;
using System.Net.Sockets;

namespace EicAgent.Cli.Proxy;

/// <summary>A plain TCP connection to the instance's address (its public IP, or its private IP over a VPN).</summary>
internal sealed class TcpTunnel : ITunnel
{
    private readonly Socket _socket;

    private TcpTunnel(Socket socket)
    {
        _socket = socket;
        Stream = new NetworkStream(socket, ownsSocket: false);
    }

    public Stream Stream { get; }

    /// <summary>The same to a host name (the serial console endpoint), resolved first; an address is used as it is.</summary>
    public static async Task<TcpTunnel> ConnectAsync(string host, int port, TimeSpan timeout, CancellationToken cancellation)
    {
        if (IPAddress.TryParse(host, out var address))
        {
            return await ConnectAsync(address, port, timeout, cancellation).ConfigureAwait(false);
        }

        IPAddress[] addresses;
        try
        {
            addresses = await Dns.GetHostAddressesAsync(host, cancellation).ConfigureAwait(false);
        }
        catch (SocketException error)
        {
            throw new TunnelException($"cannot resolve {host}: {error.Message}");
        }

        return addresses.Length > 0
            ? await ConnectAsync(addresses[0], port, timeout, cancellation).ConfigureAwait(false)
            : throw new TunnelException($"cannot resolve {host}: no addresses");
    }

    public static async Task<TcpTunnel> ConnectAsync(IPAddress address, int port, TimeSpan timeout, CancellationToken cancellation)
    {
        var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        bounded.CancelAfter(timeout);
        try
        {
            await socket.ConnectAsync(new IPEndPoint(address, port), bounded.Token).ConfigureAwait(false);
            return new TcpTunnel(socket);
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            socket.Dispose();
            throw new TunnelException($"no answer from {new IPEndPoint(address, port)} within {timeout.TotalSeconds:0} s (security group, network ACL or routing?)");
        }
        catch (SocketException error)
        {
            socket.Dispose();
            throw new TunnelException($"cannot connect to {new IPEndPoint(address, port)}: {Describe(error.SocketErrorCode, address.AddressFamily)}");
        }
    }

    public ValueTask CloseSendAsync(CancellationToken cancellation)
    {
        try
        {
            _socket.Shutdown(SocketShutdown.Send);
        }
        catch (SocketException)
        {
            // Already reset by the peer: the receive side will report the end.
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        Stream.Dispose();
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }

    private static string Describe(SocketError error, AddressFamily family) => error switch
    {
        SocketError.ConnectionRefused => "connection refused (is sshd running on the instance?)",
        SocketError.HostUnreachable or SocketError.NetworkUnreachable when family == AddressFamily.InterNetworkV6 =>
            "no route to the instance's IPv6 address (does this machine have IPv6, and its subnet a route to an internet gateway? try --via eice with a dualstack or ipv6 endpoint)",
        SocketError.HostUnreachable or SocketError.NetworkUnreachable => "no route to the instance (private address without a VPN? try --via eice)",
        SocketError.TimedOut => "timed out (security group or network ACL?)",
        _ => error.ToString(),
    };
}
