using EicAgent.Aws.Paths;

namespace EicAgent.Cli.Proxy;

/// <summary>
/// The proxy's connection to the serial console endpoint the agent names (<see cref="SerialConsoleRequest"/> asks for
/// it) -- or, in tests, where EIC_SERIAL_CONSOLE_CONNECT_TO says (the simulator's endpoint; the host key is still
/// checked against the published fingerprint list).
/// </summary>
internal static class SerialConsoleTunnel
{
    public const string ConnectToVariable = "EIC_SERIAL_CONSOLE_CONNECT_TO";

    public static Task<TcpTunnel> ConnectAsync(TcpRoute route, TimeSpan timeout, CancellationToken cancellation)
    {
        if (Environment.GetEnvironmentVariable(ConnectToVariable) is not { Length: > 0 } connectTo)
        {
            return TcpTunnel.ConnectAsync(route.Address, route.Port, timeout, cancellation);
        }

        var colon = connectTo.LastIndexOf(':');
        return colon > 0 && int.TryParse(connectTo.AsSpan(colon + 1), out var port) && port is > 0 and <= ushort.MaxValue
            ? TcpTunnel.ConnectAsync(connectTo[..colon].Trim('[', ']'), port, timeout, cancellation)
            : throw new TunnelException($"{ConnectToVariable}={connectTo} is not HOST:PORT");
    }
}
