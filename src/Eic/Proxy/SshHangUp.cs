using System.Runtime.InteropServices;

namespace EicAgent.Cli.Proxy;

/// <summary>
/// ssh ends its ProxyCommand with SIGHUP when it exits (sshconnect.c, ssh_kill_proxy_command), also right after
/// "Permission denied". By default that kills the proxy at once; caught, it ends the relay instead, so the proxy
/// can still say why the login failed before it exits.
/// </summary>
internal sealed class SshHangUp : ISshHangUp
{
    private readonly CancellationTokenSource _hungUp = new();
    private readonly PosixSignalRegistration? _registration;

    public SshHangUp()
    {
        // ssh for Windows has no SIGHUP to send; there the relay ends when ssh closes the pipes.
        if (!OperatingSystem.IsWindows())
        {
            _registration = PosixSignalRegistration.Create(PosixSignal.SIGHUP, context =>
            {
                context.Cancel = true;
                _hungUp.Cancel();
            });
        }
    }

    public CancellationToken Token => _hungUp.Token;

    public void Dispose()
    {
        _registration?.Dispose();
        _hungUp.Dispose();
    }
}
