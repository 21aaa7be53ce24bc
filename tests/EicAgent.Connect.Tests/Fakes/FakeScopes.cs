using EicAgent.Aws.Diagnostics;
using EicAgent.Aws.Errors;
using EicAgent.Aws.Identity;
using EicAgent.Aws.InstanceConnect;
using EicAgent.Aws.Instances;
using EicAgent.Aws.Listing;
using EicAgent.Aws.Paths;
using EicAgent.Aws.Scopes;
using EicAgent.Aws.SerialConsole;
using EicAgent.Aws.Targets;
using EicAgent.Cli.Doctor;

namespace EicAgent.Connect.Tests.Fakes;

/// <summary>Scopes that hand out one <see cref="FakeScope"/> and remember the caller contexts they were asked with.</summary>
internal sealed class FakeScopes : IAwsScopes
{
    public FakeScope Scope { get; } = new();

    public List<AwsContext> Contexts { get; } = [];

    /// <summary>When set, a scope is given only after a code was offered (as for an assume-role profile with mfa_serial).</summary>
    public string? MfaSerial { get; set; }

    public List<string> OfferedCodes { get; } = [];

    public Task<IAwsScope> GetAsync(TargetSpec target, AwsContext context, CancellationToken cancellationToken)
    {
        Contexts.Add(context);
        if (MfaSerial is not null && OfferedCodes.Count == 0)
        {
            throw new EicAwsException(EicAwsErrorKind.MfaCodeRequired, $"profile test needs an MFA code for {MfaSerial}") { MfaSerial = MfaSerial };
        }

        return Task.FromResult<IAwsScope>(Scope);
    }

    public Task<IAwsScope> GetAsync(string? profile, string? region, AwsContext context, CancellationToken cancellationToken) =>
        GetAsync(TargetSpec.Parse("scope.eic", profile, region), context, cancellationToken);

    public void OfferMfaCode(AwsContext context, string code) => OfferedCodes.Add(code);
}

/// <summary>
/// A scope whose lookup and push do what a test says: by default one running instance with a public address, and
/// pushes that succeed. Doctor's questions are answered by the settable functions below, and every call is counted by name.
/// </summary>
internal sealed partial class FakeScope : IAwsScope, IInstanceResolver
{
    public AwsScopeInfo Info { get; } = new("test", "eu-west-1");

    public IInstanceResolver Instances => this;

    public Func<string, Ec2Instance> Resolve { get; set; } = target => new Ec2Instance
    {
        InstanceId = target.StartsWith("i-", StringComparison.Ordinal) ? target : "i-0123456789abcdef0",
        Name = "web",
        State = Ec2InstanceState.Running,
        AvailabilityZone = "eu-west-1a",
        PrivateIpAddress = "10.0.0.1",
        PublicIpAddress = "203.0.113.1",
    };

    public Func<string, CancellationToken, Task<KeyPushResult>> Push { get; set; } = (_, _) => Task.FromResult(new KeyPushResult("r-ok", true));

    /// <summary>Every public key line pushed, in order.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> PushedKeys { get; } = new();

    public Task<Ec2Instance> ResolveAsync(string target, CancellationToken cancellationToken) => Task.FromResult(Resolve(target));

    public void Invalidate(string target)
    {
    }

    public Task<Route> PlanRouteAsync(
        Ec2Instance instance, NetworkPath path, int port, string? endpointId, CancellationToken cancellationToken, IReadOnlyList<NetworkPath>? autoOrder = null,
        int? maxTunnelSeconds = null) =>
        Task.FromResult(RoutePlanner.Plan(instance, path, port));

    public Task TerminateSessionAsync(string sessionId, CancellationToken cancellationToken) => TerminateSession(sessionId);

    public Task<KeyPushResult> PushKeyAsync(Ec2Instance instance, string osUser, string sshPublicKey, CancellationToken cancellationToken) =>
        Pushed(sshPublicKey, instance.InstanceId, cancellationToken);

    public Task<KeyPushResult> PushKeyAsync(string instanceId, string osUser, string sshPublicKey, CancellationToken cancellationToken) =>
        Pushed(sshPublicKey, instanceId, cancellationToken);

    public Task<KeyPushResult> PushSerialConsoleKeyAsync(Ec2Instance instance, string sshPublicKey, int serialPort, CancellationToken cancellationToken) =>
        Pushed(sshPublicKey, instance.InstanceId, cancellationToken);

    private Task<KeyPushResult> Pushed(string sshPublicKey, string instanceId, CancellationToken cancellationToken)
    {
        PushedKeys.Enqueue(sshPublicKey);
        return Push(instanceId, cancellationToken);
    }

    public Func<(string HostName, SerialConsoleEndpoint Endpoint)> SerialConsoleEndpoint { get; set; } =
        () => throw new NotSupportedException("this test plans no serial console route");

    public (string HostName, SerialConsoleEndpoint Endpoint) FindSerialConsoleEndpoint() => SerialConsoleEndpoint();

    /// <summary>What the scope lends as its MFA role session (null: its credentials needed no code).</summary>
    public MfaRoleSession? MfaRoleSession { get; set; }

    public Task<MfaRoleSession?> LendMfaRoleSessionAsync() => Task.FromResult(MfaRoleSession);

    /// <summary>What GetConsoleOutput returns for an instance id ("" by default: no host keys printed yet).</summary>
    public Func<string, CancellationToken, Task<string>> ConsoleOutput { get; set; } = (_, _) => Task.FromResult("");

    public Task<string> ReadConsoleOutputAsync(string instanceId, CancellationToken cancellationToken) => ConsoleOutput(instanceId, cancellationToken);
}
