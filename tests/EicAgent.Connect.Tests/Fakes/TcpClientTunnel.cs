using System.Net.Sockets;
using EicAgent.Cli.Proxy;

namespace EicAgent.Connect.Tests.Fakes;

/// <summary>A tunnel over a real loopback TCP connection.</summary>
internal sealed class TcpClientTunnel(TcpClient client) : ITunnel
{
    public Stream Stream { get; } = client.GetStream();

    public ValueTask CloseSendAsync(CancellationToken cancellation)
    {
        client.Client.Shutdown(SocketShutdown.Send);
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        client.Dispose();
        return ValueTask.CompletedTask;
    }
}
