using System.Diagnostics;
using EicAgent.Simulator.Sshd;
using EicAgent.Testing;
using Xunit;

namespace EicAgent.Simulator.Tests;

/// <summary>
/// What shutting down an instance that is its own machine relies on: the namespace it sweeps for leftover processes
/// is still the instance's, even after its last process ended and another namespace was made. The kernel gives a
/// freed namespace's number to the next one, which is how one simulator's shutdown killed another's starting sshd.
/// </summary>
public sealed class MountNamespaceTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);

    [SkippableFact]
    public async Task A_held_namespace_keeps_its_name_so_a_namespace_made_after_its_last_process_ended_is_not_in_it()
    {
        Skip.IfNot(Permissions.IsRoot, "making a mount namespace needs root");
        using var instance = await StartInOwnNamespaceAsync();
        using var held = MountNamespace.HoldOwnOf(instance.Id);
        try
        {
            Assert.NotNull(held);
            Assert.Equal([instance.Id], held.Members());
        }
        finally
        {
            instance.Kill();
        }

        using var bound = new CancellationTokenSource(Bound);
        await instance.WaitForExitAsync(bound.Token);
        var next = await ProcessRunner.RunAsync("unshare", ["--mount", "readlink", "/proc/self/ns/mnt"]);

        Assert.True(next.ExitCode == 0, next.ToString());
        Assert.NotEqual(held.Name, next.StandardOutput.Trim());
        Assert.Empty(held.Members());
    }

    [Fact]
    public void This_process_has_no_namespace_of_its_own_to_hold() =>
        Assert.Null(MountNamespace.HoldOwnOf(Environment.ProcessId));

    // A process in a new mount namespace, once it is there: unshare makes the namespace, then execs sh in it.
    private static async Task<Process> StartInOwnNamespaceAsync()
    {
        var process = Process.Start(new ProcessStartInfo("unshare", ["--mount", "sh", "-c", "echo ready; exec sleep 600"])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        using var bound = new CancellationTokenSource(Bound);
        Assert.Equal("ready", await process.StandardOutput.ReadLineAsync(bound.Token));
        return process;
    }
}
