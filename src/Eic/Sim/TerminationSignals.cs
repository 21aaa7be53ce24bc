using System.Runtime.InteropServices;

namespace EicAgent.Cli.Sim;

/// <summary>
/// Turns Ctrl-C, SIGTERM and SIGHUP into a cancellation instead of an immediate exit (System.CommandLine 2.0.0
/// does not handle them), so that `eic sim` can stop its sshd processes and remove its files first.
/// </summary>
internal sealed class TerminationSignals : IDisposable
{
    private readonly CancellationTokenSource _requested = new();
    private readonly PosixSignalRegistration[] _registrations;

    public TerminationSignals()
    {
        _registrations = [.. new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP }
            .Select(signal => PosixSignalRegistration.Create(signal, context =>
            {
                context.Cancel = true;
                _requested.Cancel();
            }))];
    }

    public CancellationToken Requested => _requested.Token;

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        _requested.Dispose();
    }
}
