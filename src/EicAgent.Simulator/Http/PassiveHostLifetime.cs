using Microsoft.Extensions.Hosting;

namespace EicAgent.Simulator.Http;

/// <summary>
/// Keeps the web host away from Ctrl-C and SIGTERM: the simulator is stopped by whoever owns it (a test's
/// DisposeAsync, `eic sim`'s own signal handling), which must also stop the sshd processes.
/// </summary>
internal sealed class PassiveHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
