using System.Net;
using EicAgent.Aws.Paths;

namespace EicAgent.Cli.Proxy;

/// <summary>The real machine under `eic proxy`: `eic agent` started detached, TCP/websocket/Session Manager tunnels, /dev/tty, SIGHUP.</summary>
internal sealed class ProxyPlumbing : IProxyPlumbing
{
    public TimeSpan AgentStartTimeout => AgentLauncher.StartTimeout;

    public Task StartAgentAsync(string socketPath, CancellationToken cancellation) => AgentLauncher.StartAsync(socketPath, cancellation);

    public async Task<ITunnel> OpenTunnelAsync(Route route, ProxyOptions options, CancellationToken cancellation) => route switch
    {
        TcpRoute tcp when options.Serial => await SerialConsoleTunnel.ConnectAsync(tcp, options.ConnectTimeout, cancellation).ConfigureAwait(false),
        TcpRoute tcp => await TcpTunnel.ConnectAsync(IPAddress.Parse(tcp.Address), tcp.Port, options.ConnectTimeout, cancellation).ConfigureAwait(false),
        WebSocketRoute webSocket => await WebSocketTunnel.ConnectAsync(webSocket, options.ConnectTimeout, cancellation).ConfigureAwait(false),
        SessionManagerRoute session => await SessionManagerTunnel.ConnectAsync(session, options.ConnectTimeout, cancellation).ConfigureAwait(false),
        _ => throw new TunnelException($"this eic proxy cannot follow a {route.GetType().Name}"),
    };

    public Task<string> AskMfaCodeAsync(string reason, CancellationToken cancellation) => MfaCodePrompt.FromEnvironment().AskAsync(reason, cancellation);

    public ISshHangUp WatchSshHangUp() => new SshHangUp();
}
