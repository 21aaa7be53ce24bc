using EicAgent.Aws.Diagnostics;
using EicAgent.Aws.Identity;
using EicAgent.Aws.InstanceConnect;
using EicAgent.Aws.Instances;
using EicAgent.Aws.Listing;
using EicAgent.Aws.Paths;
using EicAgent.Aws.Scopes;
using EicAgent.Aws.SerialConsole;

namespace EicAgent.Cli.Doctor;

/// <summary>Doctor's questions asked of a real <see cref="AwsScope"/>, through its guarded interfaces.</summary>
internal sealed class AwsDoctorScope(AwsScope scope) : IDoctorScope
{
    public AwsScopeInfo Info => scope.Info;

    public IInstanceResolver Instances => scope.Instances;

    public Task<CallerIdentity> CallerIdentityAsync(CancellationToken cancellationToken) => CallerIdentity.GetAsync(scope, cancellationToken);

    public Task<NetworkPathAdvice> PathAsync(Ec2Instance instance, CancellationToken cancellationToken) =>
        InstanceDiagnostics.PathAsync(scope, instance, cancellationToken);

    public Task<IReadOnlyList<SecurityGroup>> SecurityGroupsAsync(Ec2Instance instance, CancellationToken cancellationToken) =>
        InstanceDiagnostics.SecurityGroupsAsync(scope, instance, cancellationToken);

    public Task<bool> ConsoleListsHostKeysAsync(Ec2Instance instance, CancellationToken cancellationToken) =>
        InstanceDiagnostics.ConsoleListsHostKeysAsync(scope, instance, cancellationToken);

    public Task<string?> SessionManagerPingStatusAsync(Ec2Instance instance, CancellationToken cancellationToken) =>
        scope.SessionManagerPingStatusAsync(instance, cancellationToken);

    public async Task<string> StartSshSessionAsync(Ec2Instance instance, int port, CancellationToken cancellationToken) =>
        (await scope.StartSshSessionAsync(instance, port, cancellationToken).ConfigureAwait(false)).SessionId;

    public Task<bool> SerialConsoleAccessEnabledAsync(CancellationToken cancellationToken) =>
        SerialConsoleDiagnostics.AccessEnabledAsync(scope, cancellationToken);

    public Task<string?> InstanceTypeAsync(string instanceId, CancellationToken cancellationToken) =>
        SerialConsoleDiagnostics.InstanceTypeAsync(scope, instanceId, cancellationToken);

    public Task<string?> HypervisorAsync(string instanceType, CancellationToken cancellationToken) =>
        SerialConsoleDiagnostics.HypervisorAsync(scope, instanceType, cancellationToken);

    public Task<Route> PlanRouteAsync(
        Ec2Instance instance, NetworkPath path, int port, string? endpointId, CancellationToken cancellationToken, IReadOnlyList<NetworkPath>? autoOrder = null,
        int? maxTunnelSeconds = null) =>
        scope.PlanRouteAsync(instance, path, port, endpointId, cancellationToken, autoOrder, maxTunnelSeconds);

    public Task TerminateSessionAsync(string sessionId, CancellationToken cancellationToken) => scope.TerminateSessionAsync(sessionId, cancellationToken);

    public Task<MfaRoleSession?> LendMfaRoleSessionAsync() => scope.LendMfaRoleSessionAsync();

    public Task<string> ReadConsoleOutputAsync(string instanceId, CancellationToken cancellationToken) => scope.ReadConsoleOutputAsync(instanceId, cancellationToken);

    public Task<KeyPushResult> PushKeyAsync(Ec2Instance instance, string osUser, string sshPublicKey, CancellationToken cancellationToken) =>
        scope.PushKeyAsync(instance, osUser, sshPublicKey, cancellationToken);

    public Task<KeyPushResult> PushKeyAsync(string instanceId, string osUser, string sshPublicKey, CancellationToken cancellationToken) =>
        scope.PushKeyAsync(instanceId, osUser, sshPublicKey, cancellationToken);

    public Task<KeyPushResult> PushSerialConsoleKeyAsync(Ec2Instance instance, string sshPublicKey, int serialPort, CancellationToken cancellationToken) =>
        scope.PushSerialConsoleKeyAsync(instance, sshPublicKey, serialPort, cancellationToken);

    public (string HostName, SerialConsoleEndpoint Endpoint) FindSerialConsoleEndpoint() => scope.FindSerialConsoleEndpoint();
}
