namespace EicAgent.Simulator.Faults;

/// <summary>Per-service latency and throttling of a running simulator: <c>sim.Faults[AwsService.InstanceConnect].ThrottleNext(2)</c>.</summary>
public sealed class FaultInjection
{
    private readonly Dictionary<AwsService, ServiceFaults> _services;

    internal FaultInjection(TimeProvider clock, TimeSpan latency)
    {
        _services = AwsServices.All.ToDictionary(service => service, _ => new ServiceFaults(clock) { Latency = latency });
    }

    public ServiceFaults this[AwsService service] => _services[service];

    /// <summary>The same latency for every service.</summary>
    public void SetLatency(TimeSpan latency)
    {
        foreach (var faults in _services.Values)
        {
            faults.Latency = latency;
        }
    }

    public void Reset()
    {
        foreach (var faults in _services.Values)
        {
            faults.Reset();
        }
    }
}
