using EicAgent.Aws.Paths;
using EicAgent.Aws.SerialConsole;
using EicAgent.Cli.Connect;

namespace EicAgent.Cli.Proxy;

/// <summary>
/// The proxy's part of a serial console connection: ask the agent for INSTANCE.portN's serial port (the host without
/// its `.serial` label), and connect to the endpoint it names -- or, in tests, where EIC_SERIAL_CONSOLE_CONNECT_TO
/// says (the simulator's endpoint; the host key is still checked against the published fingerprint list).
/// </summary>
internal static class SerialConsoleTunnel
{
    public const string ConnectToVariable = "EIC_SERIAL_CONSOLE_CONNECT_TO";

    public static ConnectRequest Request(ProxyOptions options)
    {
        // The user names the port; any other user still goes to the agent, which answers with the user to give.
        var serialPort = SerialConsoleUser.TryParse(options.User, out _, out var port) ? port : 0;
        return new ConnectRequest(
            SerialHostNames.WithoutSerial(options.Host), options.Port, options.User, options.Profile, options.Region, options.Path, SerialPort: serialPort)
        {
            Context = options.Context,
        };
    }

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
