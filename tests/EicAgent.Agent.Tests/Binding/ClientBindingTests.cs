using System.Diagnostics;
using EicAgent.Agent.Core;

namespace EicAgent.Agent.Tests.Binding;

/// <summary>Finding the ssh process behind a ProxyCommand: the proxy's parent, with its start time.</summary>
public sealed class ClientBindingTests
{
    [Fact]
    public async Task The_parent_of_a_child_process_is_the_process_that_started_it()
    {
        using var child = Process.Start(new ProcessStartInfo("sleep", "30") { UseShellExecute = false })!;
        try
        {
            var binding = ClientBinding.ForParentOf(new PeerCredentials(child.Id, 0, null));

            Assert.Equal(ClientBinding.ForProcess(Environment.ProcessId), binding);
            Assert.True(binding.Matches(new PeerCredentials(Environment.ProcessId, 0, binding.ProcessStartTime)));
        }
        finally
        {
            child.Kill();
            await child.WaitForExitAsync();
        }
    }

    [Fact]
    public void A_reused_pid_does_not_match()
    {
        var binding = ClientBinding.ForProcess(Environment.ProcessId);

        Assert.False(binding.Matches(new PeerCredentials(Environment.ProcessId, 0, binding.ProcessStartTime + 1)));
        Assert.False(binding.Matches(new PeerCredentials(Environment.ProcessId, 0, null)));
    }

    [Fact]
    public void An_unknown_or_vanished_proxy_gives_a_one_line_reason()
    {
        var unknown = Assert.Throws<InvalidOperationException>(() => ClientBinding.ForParentOf(PeerCredentials.Unknown));
        var vanished = Assert.Throws<InvalidOperationException>(() => ClientBinding.ForParentOf(new PeerCredentials(int.MaxValue, 0, null)));

        Assert.Contains("process id is unknown", unknown.Message, StringComparison.Ordinal);
        Assert.Contains($"the parent of process {int.MaxValue} cannot be read", vanished.Message, StringComparison.Ordinal);
    }
}
