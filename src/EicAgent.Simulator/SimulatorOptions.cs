using EicAgent.Simulator.Fleet;
using EicAgent.Simulator.Policy;
using Microsoft.Extensions.Logging;

namespace EicAgent.Simulator;

/// <summary>How to start a <see cref="Simulator"/>. Every property has a default that works for tests and `eic sim`.</summary>
public sealed record SimulatorOptions
{
    /// <summary>The HTTP port on 127.0.0.1 for every simulated service; 0 picks a free one.</summary>
    public int Port { get; init; }

    public string Region { get; init; } = "us-east-1";

    /// <summary>The identity whose credentials the environment carries (and whose account owns the fleet).</summary>
    public SimulatedCaller Caller { get; init; } = SimulatedCaller.Default;

    /// <summary>More identities the simulator accepts (a policy file can add some too).</summary>
    public IReadOnlyList<SimulatedCaller> OtherCallers { get; init; } = [];

    /// <summary>Who may do what; <see cref="AccessPolicy.AllowAll"/> by default.</summary>
    public AccessPolicy Policy { get; init; } = AccessPolicy.AllowAll;

    public FleetDefinition Fleet { get; init; } = FleetDefinition.Default;

    /// <summary>
    /// The simulator's clock: key windows (60 s), SigV4 time checks (5 min), rate limits, timestamps.
    /// Tests pass one they can move forward to expire keys without waiting.
    /// </summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Latency added to every call of every service at start (change it per service through <see cref="Simulator.Faults"/>).</summary>
    public TimeSpan Latency { get; init; }

    /// <summary>The port every instance's sshd listens on: null means 22 as root, 2222 otherwise.</summary>
    public int? SshPort { get; init; }

    /// <summary>
    /// Where the private state directory (host keys, sshd configs and logs, the AuthorizedKeysCommand) is made:
    /// null means /run as root (sshd wants a root-owned path for the command, and not /tmp), the temp directory otherwise.
    /// </summary>
    public string? StateDirectoryParent { get; init; }

    /// <summary>Where the simulator logs each call and sshd start; none by default.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }
}
