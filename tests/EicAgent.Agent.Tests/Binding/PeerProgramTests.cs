using EicAgent.Agent.Core;

namespace EicAgent.Agent.Tests.Binding;

/// <summary>What counts as eic itself on the other end of the socket: the same executable name, and the same live process.</summary>
public sealed class PeerProgramTests
{
    private const string OwnPath = "/home/alice/.local/bin/eic";

    private readonly FakeProcessTable _processes = new()
    {
        [100] = new FakeProcess(1, 5000, "eic"),
        [200] = new FakeProcess(1, 6000, "ssh"),
    };

    [Fact]
    public void Another_eic_process_counts_wherever_it_was_started_from()
    {
        Assert.True(PeerProgram.IsThisProgram(new PeerCredentials(100, 1000, 5000), _processes, OwnPath));
    }

    [Fact]
    public void Ssh_relaying_a_forwarded_agent_does_not_count()
    {
        Assert.False(PeerProgram.IsThisProgram(new PeerCredentials(200, 1000, 6000), _processes, OwnPath));
    }

    [Fact]
    public void A_later_process_that_reuses_the_pid_or_an_unknown_peer_does_not_count()
    {
        Assert.False(PeerProgram.IsThisProgram(new PeerCredentials(100, 1000, 4999), _processes, OwnPath));
        Assert.False(PeerProgram.IsThisProgram(new PeerCredentials(300, 1000, 7000), _processes, OwnPath));
        Assert.False(PeerProgram.IsThisProgram(PeerCredentials.Unknown, _processes, OwnPath));
    }
}
