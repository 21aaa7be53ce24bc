using System.Collections.Concurrent;
using EicAgent.Simulator.Fleet;
using EicAgent.Simulator.Keys;
using EicAgent.Simulator.Network;
using EicAgent.Simulator.Policy;
using EicAgent.Simulator.SerialConsole;

namespace EicAgent.Simulator;

/// <summary>What the simulated services share: the fleet, its network, the pushed keys, the policy, region, account and clock.</summary>
internal sealed class SimulatorState(string region, string account, TimeProvider clock, AccessPolicy policy, FleetDefinition fleet, bool onVpn, KeyLookupCost? keyLookupCost = null)
{
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();

    public string Region { get; } = region;

    /// <summary>The account that owns the simulated instances and endpoints.</summary>
    public string Account { get; } = account;

    public TimeProvider Clock { get; } = clock;

    public AccessPolicy Policy { get; } = policy;

    public PushedKeyStore Keys { get; } = new(clock);

    /// <summary>What the instances' key lookups cost, and how many ran past the limit.</summary>
    public InstanceKeyLookup KeyLookup { get; } = new(keyLookupCost ?? KeyLookupCost.Default);

    public SimulatedSerialConsole SerialConsole { get; } = new();

    public IReadOnlyList<ConnectEndpointDefinition> ConnectEndpoints { get; } = fleet.ConnectEndpoints;

    /// <summary>Who reaches which address; holds the security groups as they are now.</summary>
    public SimulatedNetwork Network { get; } = new(fleet.SecurityGroups, onVpn);

    public IReadOnlyList<SecurityGroupDefinition> SecurityGroups => Network.SecurityGroups.All;

    /// <summary>Filled once the instances exist (the HTTP server starts first: their sshd needs its port).</summary>
    public IReadOnlyList<SimulatedInstance> Instances { get; set; } = [];

    public IReadOnlyCollection<RecordedRequest> Requests => _requests;

    public SimulatedInstance? FindInstance(string instanceId) => Instances.FirstOrDefault(i => i.InstanceId == instanceId);

    public string InstanceArn(string instanceId) => $"arn:aws:ec2:{Region}:{Account}:instance/{instanceId}";

    public void Record(RecordedRequest request) => _requests.Enqueue(request);
}
