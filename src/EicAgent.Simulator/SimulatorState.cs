using System.Collections.Concurrent;
using EicAgent.Simulator.Fleet;
using EicAgent.Simulator.Keys;
using EicAgent.Simulator.Policy;
using EicAgent.Simulator.SerialConsole;

namespace EicAgent.Simulator;

/// <summary>What the simulated services share: the fleet, the pushed keys, the policy, region, account and clock.</summary>
internal sealed class SimulatorState(string region, string account, TimeProvider clock, AccessPolicy policy, FleetDefinition fleet)
{
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();

    public string Region { get; } = region;

    /// <summary>The account that owns the simulated instances and endpoints.</summary>
    public string Account { get; } = account;

    public TimeProvider Clock { get; } = clock;

    public AccessPolicy Policy { get; } = policy;

    public PushedKeyStore Keys { get; } = new(clock);

    public SimulatedSerialConsole SerialConsole { get; } = new();

    public IReadOnlyList<ConnectEndpointDefinition> ConnectEndpoints { get; } = fleet.ConnectEndpoints;

    public IReadOnlyList<SecurityGroupDefinition> SecurityGroups { get; } = fleet.SecurityGroups;

    /// <summary>Filled once the instances exist (the HTTP server starts first: their sshd needs its port).</summary>
    public IReadOnlyList<SimulatedInstance> Instances { get; set; } = [];

    public IReadOnlyCollection<RecordedRequest> Requests => _requests;

    public SimulatedInstance? FindInstance(string instanceId) => Instances.FirstOrDefault(i => i.InstanceId == instanceId);

    public string InstanceArn(string instanceId) => $"arn:aws:ec2:{Region}:{Account}:instance/{instanceId}";

    public void Record(RecordedRequest request) => _requests.Enqueue(request);
}
