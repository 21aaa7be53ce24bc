using System.Diagnostics;
using EicAgent.Agent.Core;
using EicAgent.Agent.Platform;

namespace EicAgent.Agent.Tests.Binding;

/// <summary>
/// Finding the ssh process behind a ProxyCommand: the proxy's parent, with its start time, and only when that
/// parent runs ssh and the proxy is still the process that connected. Real ssh parents: SshLoginTests and the
/// end-to-end tests; here a table of made-up processes, and this test process as a parent that is not ssh.
/// </summary>
public sealed class ClientBindingTests
{
    private const int Ssh = 100;
    private const int Proxy = 101;

    [Fact]
    public void The_parent_of_a_proxy_started_by_ssh_is_bound_with_its_start_time()
    {
        var table = new FakeProcessTable { [Ssh] = new(1, 5000, "ssh"), [Proxy] = new(Ssh, 6000, "eic") };

        var binding = ClientBinding.ForParentOf(new PeerCredentials(Proxy, 0, 6000), table);

        Assert.Equal(new ClientBinding(Ssh, 5000), binding);
        Assert.True(binding.Matches(new PeerCredentials(Ssh, 0, 5000)));
    }

    [Theory]
    [InlineData("python3")]
    [InlineData("bash")]
    [InlineData("ssh-agent")]
    [InlineData(null)]
    public void A_proxy_whose_parent_is_not_ssh_is_refused_with_the_reason(string? parentExecutable)
    {
        var table = new FakeProcessTable { [Ssh] = new(1, 5000, parentExecutable), [Proxy] = new(Ssh, 6000, "eic") };

        var refused = Assert.Throws<InvalidOperationException>(() => ClientBinding.ForParentOf(new PeerCredentials(Proxy, 0, 6000), table));

        Assert.Contains($"process {Proxy} was not started by ssh (its parent {Ssh} runs {parentExecutable ?? "an unreadable executable"})", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_proxy_pid_now_used_by_another_process_is_refused()
    {
        var table = new FakeProcessTable { [Ssh] = new(1, 5000, "ssh"), [Proxy] = new(Ssh, 7000, "eic") };

        var refused = Assert.Throws<InvalidOperationException>(() => ClientBinding.ForParentOf(new PeerCredentials(Proxy, 0, 6000), table));

        Assert.Contains($"process {Proxy} that asked is gone or has another parent now", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_child_of_this_test_process_which_is_not_ssh_is_refused()
    {
        using var child = Process.Start(new ProcessStartInfo("sleep", "30") { UseShellExecute = false })!;
        try
        {
            var peer = new PeerCredentials(child.Id, 0, ProcessTable.Current.StartTime(child.Id));

            var refused = Assert.Throws<InvalidOperationException>(() => ClientBinding.ForParentOf(peer));

            Assert.Contains($"its parent {Environment.ProcessId} runs", refused.Message, StringComparison.Ordinal);
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
        var vanished = Assert.Throws<InvalidOperationException>(() => ClientBinding.ForParentOf(new PeerCredentials(int.MaxValue, 0, 1)));

        Assert.Contains("process id or start time is unknown", unknown.Message, StringComparison.Ordinal);
        Assert.Contains($"the parent of process {int.MaxValue} cannot be read", vanished.Message, StringComparison.Ordinal);
    }
}
