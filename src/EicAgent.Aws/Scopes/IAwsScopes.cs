using EicAgent.Aws.InstanceConnect;
using EicAgent.Aws.Instances;
using EicAgent.Aws.Paths;
using EicAgent.Aws.SerialConsole;
using EicAgent.Aws.Targets;

namespace EicAgent.Aws.Scopes;

/// <summary>The scopes as a connection uses them: the seam at which connect's decisions are tested with fakes.</summary>
public interface IAwsScopes
{
    /// <exception cref="Errors.EicAwsException">No credentials, SSO login needed, no region, profile missing, timeout.</exception>
    Task<IAwsScope> GetAsync(TargetSpec target, AwsContext context, CancellationToken cancellationToken);

    /// <summary>The scope of <paramref name="profile"/> and <paramref name="region"/> (null: the caller's defaults), as for a command without a host.</summary>
    /// <exception cref="Errors.EicAwsException">As above.</exception>
    Task<IAwsScope> GetAsync(string? profile, string? region, AwsContext context, CancellationToken cancellationToken);

    /// <summary>A code the user typed after <see cref="Errors.EicAwsErrorKind.MfaCodeRequired"/>: used once, by the next AssumeRole in <paramref name="context"/>.</summary>
    void OfferMfaCode(AwsContext context, string code);
}

/// <summary>What a connection asks of one scope: resolve, plan the route, push the key. Every call is bounded and translated.</summary>
public interface IAwsScope
{
    AwsScopeInfo Info { get; }

    IInstanceResolver Instances { get; }

    /// <param name="maxTunnelSeconds">An endpoint tunnel's maxTunnelDuration; null sends none (the endpoint's default, an hour).</param>
    Task<Route> PlanRouteAsync(
        Ec2Instance instance, NetworkPath path, int port, string? endpointId, CancellationToken cancellationToken, IReadOnlyList<NetworkPath>? autoOrder = null,
        int? maxTunnelSeconds = null);

    /// <summary>Ends the Session Manager session of a <see cref="SessionManagerRoute"/> once its connection is over.</summary>
    Task TerminateSessionAsync(string sessionId, CancellationToken cancellationToken);

    Task<KeyPushResult> PushKeyAsync(Ec2Instance instance, string osUser, string sshPublicKey, CancellationToken cancellationToken);

    Task<KeyPushResult> PushKeyAsync(string instanceId, string osUser, string sshPublicKey, CancellationToken cancellationToken);

    Task<KeyPushResult> PushSerialConsoleKeyAsync(Ec2Instance instance, string sshPublicKey, int serialPort, CancellationToken cancellationToken);

    /// <exception cref="Errors.EicAwsException">No endpoint is known for the region (or none for FIPS).</exception>
    (string HostName, SerialConsoleEndpoint Endpoint) FindSerialConsoleEndpoint();

    /// <inheritdoc cref="AwsScope.LendMfaRoleSessionAsync"/>
    Task<MfaRoleSession?> LendMfaRoleSessionAsync();

    /// <summary>The instance's console output as text (GetConsoleOutput), where cloud-init prints its host keys; "" when there is none yet.</summary>
    /// <exception cref="Errors.EicAwsException">The call failed (denied, throttled, timed out).</exception>
    Task<string> ReadConsoleOutputAsync(string instanceId, CancellationToken cancellationToken);
}
