using EicAgent.Aws.SerialConsole;
using EicAgent.Cli.Connect;

namespace EicAgent.Cli.Proxy;

/// <summary>The proxy's ask for a serial console connection: INSTANCE.portN's serial port, the host without its `.serial` label.</summary>
internal static class SerialConsoleRequest
{
    public static ConnectRequest For(ProxyOptions options)
    {
        // The user names the port; any other user still goes to the agent, which answers with the user to give.
        var serialPort = SerialConsoleUser.TryParse(options.User, out _, out var port) ? port : 0;
        return new ConnectRequest(
            SerialHostNames.WithoutSerial(options.Host), options.Port, options.User, options.Profile, options.Region, options.Path, SerialPort: serialPort)
        {
            Context = options.Context,
        };
    }
}
