using EicAgent.Simulator.Keys;
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

    /// <summary>
    /// Whether this machine starts out "on a VPN" into every VPC: then the instances' private addresses answer (their
    /// security groups permitting), as for `eic proxy --via private`; otherwise nothing listens there. See <see cref="Simulator.SetVpnAsync"/>.
    /// </summary>
    public bool OnVpn { get; init; }

    /// <summary>The port every instance's sshd listens on: null means 22 as root, 2222 otherwise.</summary>
    public int? SshPort { get; init; }

    /// <summary>
    /// Where the private state directory (host keys, sshd configs and logs, the AuthorizedKeysCommand) is made:
    /// null means /run as root (sshd wants a root-owned path for the command, and not /tmp), the temp directory otherwise.
    /// </summary>
    public string? StateDirectoryParent { get; init; }

    /// <summary>What each instance's key lookup costs per live key, on how many cores, within which limit (AWS: 5 s).</summary>
    public KeyLookupCost KeyLookupCost { get; init; } = KeyLookupCost.Default;

    /// <summary>
    /// How long each instance's sshd waits for a login (sshd's LoginGraceTime; null: its default, 2 minutes, as on an
    /// AMI). Only for tests that start more clients than a loaded test machine can take through the key exchange within that.
    /// </summary>
    public TimeSpan? LoginGraceTime { get; init; }

    /// <summary>Where the simulator logs each call and sshd start; none by default.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> with a one-line reason when the options cannot work.</summary>
    internal void Validate()
    {
        static void Require(bool condition, string problem)
        {
            if (!condition)
            {
                throw new ArgumentException(problem);
            }
        }

        Require(Port is >= 0 and <= 65535, $"the HTTP port must be 0-65535, not {Port}");
        Require(SshPort is null or (>= 1 and <= 65535), $"the SSH port must be 1-65535, not {SshPort}");
        Require(Latency >= TimeSpan.Zero, "the latency cannot be negative");
        Require(KeyLookupCost.PerKey >= TimeSpan.Zero && KeyLookupCost.Cores >= 1 && KeyLookupCost.Limit > TimeSpan.Zero,
            "the key lookup cost needs a per-key time >= 0, at least one core and a positive limit");
        Require(!string.IsNullOrWhiteSpace(Region), "a region is required");
        var instances = Fleet.Instances;
        Require(instances.Select(i => i.InstanceId).Distinct().Count() == instances.Count, "instance ids must be unique");
        var octets = instances.SelectMany(i => i.AddressOctets).ToArray();
        Require(octets.Distinct().Count() == octets.Length && octets.All(o => o is > 0 and < 255),
            "instance addresses (last octets) must be unique and within 1-254");
        Require(instances.All(i => i.OsUsers.Count > 0), "every instance needs at least one OS user");
        var callers = new[] { Caller }.Concat(OtherCallers).Concat(Policy.Callers).Select(c => c.AccessKeyId).ToArray();
        Require(callers.Distinct().Count() == callers.Length, "access key ids must be unique among the callers");
    }
}
