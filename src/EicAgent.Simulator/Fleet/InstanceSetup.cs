using EicAgent.Simulator.Network;

namespace EicAgent.Simulator.Fleet;

/// <summary>What every instance of one simulator shares: where it lives, how sshd finds keys, the port, the network.</summary>
internal sealed record InstanceSetup(
    string StateDirectory,
    AddressBlock Block,
    int SshPort,
    string Region,
    string AuthorizedKeysScript,
    bool DisablePerSourcePenalties,
    DateTimeOffset LaunchedAt,
    TimeProvider Clock,
    SimulatedNetwork Network)
{
    /// <summary>sshd's LoginGraceTime for every instance; null: sshd's default.</summary>
    public TimeSpan? LoginGraceTime { get; init; }

    /// <summary>Whether the block's IPv6 addresses answer on this machine (<see cref="Network.LocalIpv6Prefix"/>).</summary>
    public bool Ipv6Answers { get; init; }
}
