using Amazon;
using Amazon.EC2;
using Amazon.Runtime;
using Amazon.SecurityToken;
using EicAgent.Testing;
using Xunit;

namespace EicAgent.Simulator.Tests;

/// <summary>
/// One simulator (default fleet, real sshd instances) per test class, with a clock the tests can move forward and
/// the real AWS SDK clients pointed at it through ServiceURL. Derive to start it with other options.
/// </summary>
public class SimulatorFixture : IAsyncLifetime
{
    private Simulator? _simulator;

    public AdjustableClock Clock { get; } = new();

    public Simulator Simulator => _simulator ?? throw new InvalidOperationException("the simulator has not started");

    /// <summary>EC2 Instance Connect calls signed by the SDK's own SigV4 signer (until our client is merged).</summary>
    public SignedRequestClient InstanceConnect => new(Simulator.Endpoint, Simulator.Region);

    public async Task InitializeAsync() => _simulator = await Simulator.StartAsync(Options());

    public async Task DisposeAsync()
    {
        if (_simulator is not null)
        {
            await _simulator.DisposeAsync();
        }
    }

    public AmazonEC2Client Ec2(SimulatedCaller? caller = null) =>
        new(Credentials(caller), new AmazonEC2Config { ServiceURL = Simulator.Endpoint.ToString(), AuthenticationRegion = Simulator.Region });

    public AmazonSecurityTokenServiceClient Sts(SimulatedCaller? caller = null) =>
        new(Credentials(caller), new AmazonSecurityTokenServiceConfig { ServiceURL = Simulator.Endpoint.ToString(), AuthenticationRegion = Simulator.Region });

    /// <summary>SDK credentials of a caller (the simulator's default one when null), for any client built on AWSSDK.Core.</summary>
    public AWSCredentials Credentials(SimulatedCaller? caller = null) => CallerCredentials.For(caller ?? Simulator.Caller);

    protected virtual SimulatorOptions Options() => new() { Clock = Clock };
}
