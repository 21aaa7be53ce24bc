using Amazon.Runtime;
using EicAgent.Aws.Errors;
using EicAgent.Aws.InstanceConnect;
using EicAgent.Aws.Instances;
using EicAgent.Aws.Paths;
using EicAgent.Aws.SerialConsole;
using EicAgent.Aws.SessionManager;
using EicAgent.Aws.Tunnels;

namespace EicAgent.Aws.Scopes;

/// <summary>
/// One (profile, region): its credentials and its EC2 and EC2 Instance Connect clients, kept warm for the life of
/// the agent. Get one from <see cref="AwsScopes"/>. Every method throws <see cref="EicAwsException"/> on failure.
/// </summary>
public sealed class AwsScope : IAwsScope, IDisposable
{
    private readonly IEc2Api _ec2;
    private readonly IInstanceConnectApi _instanceConnect;
    private readonly AwsCallGuard _guard;
    private readonly ConnectEndpointCache _endpoints;
    private readonly IConnectEndpointApi _connectEndpoints;
    private readonly bool _useFips;
    private readonly TimeProvider _time;

    internal AwsScope(
        AwsScopeInfo info,
        AWSCredentials? credentials,
        IEc2Api ec2,
        IInstanceConnectApi instanceConnect,
        IConnectEndpointApi connectEndpoints,
        bool useFips,
        AwsSettings settings,
        TimeProvider time)
    {
        _endpoints = new ConnectEndpointCache(connectEndpoints, settings.ResolutionCacheTimeToLive, time);
        _connectEndpoints = connectEndpoints;
        _useFips = useFips;
        _time = time;
        Info = info;
        Credentials = credentials;
        _ec2 = ec2;
        _instanceConnect = instanceConnect;
        _guard = new AwsCallGuard(settings.CallTimeout, time);
        Instances = new CachingInstanceResolver(
            new GuardedInstanceResolver(new InstanceResolver(ec2, info), _guard, info), settings.ResolutionCacheTimeToLive, time);
    }

    public AwsScopeInfo Info { get; }

    /// <summary>The read-only calls of the listing and diagnostics (null for scopes built on fake APIs); used through <see cref="Listing.Ec2Inventory"/>.</summary>
    internal Listing.IEc2InventoryApi? Inventory { get; init; }

    /// <summary>The caller's context this scope was built for, so that one-off clients (doctor's) look where it looks.</summary>
    internal AwsContext Context { get; init; } = AwsContext.Empty;

    /// <summary>AWS_USE_DUALSTACK_ENDPOINT (or the profile's use_dualstack_endpoint): tunnels go to an endpoint's dual-stack name.</summary>
    internal bool UseDualStackEndpoint { get; init; }

    /// <summary>The credentials file (beside its config file) the SDK reads this scope's profile from.</summary>
    internal string? CredentialsPath { get; init; }

    /// <summary>Bounds and translates every AWS call made for this scope.</summary>
    internal AwsCallGuard Guard => _guard;

    internal IEc2Api Ec2 => _ec2;

    /// <summary>Systems Manager's client for Session Manager routes (null for scopes built on fake APIs).</summary>
    internal ISessionManagerApi? SessionManager { get; init; }

    /// <summary>The scope's credentials (refreshing ones refresh themselves), e.g. to presign an EC2 Instance Connect Endpoint URL.</summary>
    public AWSCredentials? Credentials { get; }

    /// <summary>
    /// The session an MFA code bought for this scope's assume-role profile, while it lasts; null when the scope's
    /// credentials needed no code. Refreshing an ended session asks for a code again (<see cref="EicAwsErrorKind.MfaCodeRequired"/>).
    /// </summary>
    public Task<MfaRoleSession?> LendMfaRoleSessionAsync() =>
        Credentials is ContextAssumeRoleCredentials role ? role.CurrentMfaSessionAsync() : Task.FromResult<MfaRoleSession?>(null);

    /// <summary>Target to running instance, cached for <see cref="AwsSettings.ResolutionCacheTimeToLive"/>.</summary>
    public IInstanceResolver Instances { get; }

    /// <summary>
    /// Where a connection to <paramref name="instance"/> goes for <paramref name="path"/>: a TCP address, the VPC's
    /// Instance Connect Endpoint (<paramref name="endpointId"/> when given) with a freshly presigned openTunnel URL, or
    /// a Session Manager session. `auto` tries <paramref name="autoOrder"/> (<see cref="AutoRoutes.Default"/>) in turn.
    /// </summary>
    public async Task<Route> PlanRouteAsync(
        Ec2Instance instance, NetworkPath path, int port, string? endpointId, CancellationToken cancellationToken, IReadOnlyList<NetworkPath>? autoOrder = null,
        int? maxTunnelSeconds = null)
    {
        ArgumentNullException.ThrowIfNull(instance);
        if (endpointId is not null && path == NetworkPath.Auto)
        {
            path = NetworkPath.Eice;
        }

        if (path != NetworkPath.Auto)
        {
            return await PlanPathAsync(instance, path, port, endpointId, maxTunnelSeconds, cancellationToken).ConfigureAwait(false);
        }

        var refusals = new List<EicAwsException>();
        var order = autoOrder ?? AutoRoutes.Default;
        foreach (var candidate in order)
        {
            try
            {
                return await PlanPathAsync(instance, candidate, port, endpointId, maxTunnelSeconds, cancellationToken, inAuto: true).ConfigureAwait(false);
            }
            catch (EicAwsException refusal)
            {
                refusals.Add(refusal);
            }
        }

        return RoutePlanner.Ipv6Fallback(instance, order, port) ?? throw RoutePlanner.NoAutoRoute(refusals);
    }

    private async Task<Route> PlanPathAsync(
        Ec2Instance instance, NetworkPath path, int port, string? endpointId, int? maxTunnelSeconds, CancellationToken cancellationToken, bool inAuto = false)
    {
        if (path == NetworkPath.Ssm)
        {
            return await StartSessionAsync(instance, port, cancellationToken).ConfigureAwait(false);
        }

        if (!RoutePlanner.NeedsEndpoint(instance, path) || instance.VpcId is null || Credentials is null)
        {
            return RoutePlanner.Plan(instance, path, port, inAuto: inAuto);
        }

        var inVpc = await ConnectEndpointsInVpcAsync(instance, cancellationToken).ConfigureAwait(false);
        var endpoint = ConnectEndpointChooser.Choose(inVpc, instance, endpointId, Info);
        var host = endpoint.HostName(_useFips, UseDualStackEndpoint);
        return RoutePlanner.Plan(instance, path, port, () => new WebSocketRoute(
            TunnelUrlPresigner.Presign(
                host, endpoint.EndpointId, RoutePlanner.TunnelTarget(instance, endpoint)!, port, Info.Region, Credentials, _time.GetUtcNow().UtcDateTime, maxTunnelSeconds),
            host) { CaBundle = Info.CaBundle });
    }

    /// <summary>The Instance Connect Endpoints of the instance's VPC, from the cache connections use (empty when it is in none).</summary>
    internal Task<IReadOnlyList<ConnectEndpoint>> ConnectEndpointsInVpcAsync(Ec2Instance instance, CancellationToken cancellationToken)
    {
        if (instance.VpcId is not { } vpc)
        {
            return Task.FromResult<IReadOnlyList<ConnectEndpoint>>([]);
        }

        var context = new AwsCallContext("DescribeInstanceConnectEndpoints", Info) { InstanceId = instance.InstanceId, AccountId = instance.OwnerAccountId };
        return _guard.RunAsync(context, token => _endpoints.GetAsync(vpc, token), cancellationToken);
    }

    /// <summary>Every Instance Connect Endpoint of the region, in any state (`eic ls` chooses per instance with <see cref="ConnectEndpointChooser"/>).</summary>
    internal Task<IReadOnlyList<ConnectEndpoint>> AllConnectEndpointsAsync(CancellationToken cancellationToken) =>
        _guard.RunAsync(new AwsCallContext("DescribeInstanceConnectEndpoints", Info), _connectEndpoints.DescribeAllAsync, cancellationToken);

    /// <summary>Whether Session Manager has the instance online (`--via auto`'s last path), asked as a connection asks.</summary>
    internal async Task<bool> IsOnlineInSessionManagerAsync(Ec2Instance instance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        if (SessionManager is not { } ssm)
        {
            return false;
        }

        var describe = new AwsCallContext("DescribeInstanceInformation", Info) { InstanceId = instance.InstanceId, AccountId = instance.OwnerAccountId };
        return await _guard.RunAsync(describe, token => ssm.PingStatusAsync(instance.InstanceId, token), cancellationToken).ConfigureAwait(false) == "Online";
    }

    /// <summary>Checks that Session Manager has the instance online, then starts an AWS-StartSSHSession session to <paramref name="port"/>.</summary>
    private async Task<Route> StartSessionAsync(Ec2Instance instance, int port, CancellationToken cancellationToken)
    {
        var status = await SessionManagerPingStatusAsync(instance, cancellationToken).ConfigureAwait(false);
        if (status != "Online")
        {
            throw SessionManagerErrors.NotOnline(
                ConnectEndpointChooser.Describe(instance), status is null ? "not managed" : $"not online ({status})", SessionManagerCall("DescribeInstanceInformation", instance));
        }

        return await StartSshSessionAsync(instance, port, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The instance's ping status in Systems Manager ("Online", "ConnectionLost", ...); null when it does not manage the instance.</summary>
    public Task<string?> SessionManagerPingStatusAsync(Ec2Instance instance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var ssm = SessionManagerOrThrow();
        return _guard.RunAsync(
            SessionManagerCall("DescribeInstanceInformation", instance), token => ssm.PingStatusAsync(instance.InstanceId, token), cancellationToken);
    }

    /// <summary>StartSession with AWS-StartSSHSession to <paramref name="port"/>, without asking first whether the instance is online.</summary>
    public async Task<SessionManagerRoute> StartSshSessionAsync(Ec2Instance instance, int port, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var ssm = SessionManagerOrThrow();
        var route = await _guard.RunAsync(
            SessionManagerCall("StartSession", instance), token => ssm.StartSshSessionAsync(instance.InstanceId, port, token), cancellationToken).ConfigureAwait(false);
        return route with { CaBundle = Info.CaBundle };
    }

    private ISessionManagerApi SessionManagerOrThrow() =>
        SessionManager ?? throw new EicAwsException(EicAwsErrorKind.NoRoute, "Session Manager is not available in this scope");

    private AwsCallContext SessionManagerCall(string operation, Ec2Instance instance) =>
        new(operation, Info) { InstanceId = instance.InstanceId, AccountId = instance.OwnerAccountId };

    /// <summary>Ends a Session Manager session (when its ssh ended), so that it does not linger until the idle timeout.</summary>
    public async Task TerminateSessionAsync(string sessionId, CancellationToken cancellationToken)
    {
        if (SessionManager is { } ssm)
        {
            var context = new AwsCallContext("TerminateSession", Info);
            await _guard.RunAsync(context, async token =>
            {
                await ssm.TerminateSessionAsync(sessionId, token).ConfigureAwait(false);
                return true;
            }, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Lets <paramref name="osUser"/> log in to <paramref name="instance"/> with <paramref name="sshPublicKey"/> for 60 seconds.</summary>
    public Task<KeyPushResult> PushKeyAsync(Ec2Instance instance, string osUser, string sshPublicKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return PushKeyAsync(instance.InstanceId, instance.AvailabilityZone, instance.OwnerAccountId, osUser, sshPublicKey, cancellationToken);
    }

    /// <summary>The same by instance id alone, before the instance is looked up: SendSSHPublicKey's Availability Zone is optional.</summary>
    public Task<KeyPushResult> PushKeyAsync(string instanceId, string osUser, string sshPublicKey, CancellationToken cancellationToken) =>
        PushKeyAsync(instanceId, availabilityZone: null, accountId: null, osUser, sshPublicKey, cancellationToken);

    private Task<KeyPushResult> PushKeyAsync(
        string instanceId, string? availabilityZone, string? accountId, string osUser, string sshPublicKey, CancellationToken cancellationToken)
    {
        var context = new AwsCallContext("SendSSHPublicKey", Info) { InstanceId = instanceId, OsUser = osUser, AccountId = accountId };
        return _guard.RunAsync(
            context,
            token => _instanceConnect.SendSshPublicKeyAsync(instanceId, osUser, sshPublicKey, availabilityZone, token),
            cancellationToken);
    }

    /// <summary>Lets <paramref name="sshPublicKey"/> open the instance's serial port <paramref name="serialPort"/> for 60 seconds.</summary>
    public Task<KeyPushResult> PushSerialConsoleKeyAsync(Ec2Instance instance, string sshPublicKey, int serialPort, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var context = new AwsCallContext("SendSerialConsoleSSHPublicKey", Info)
        {
            InstanceId = instance.InstanceId,
            AccountId = instance.OwnerAccountId,
        };
        return _guard.RunAsync(
            context, token => _instanceConnect.SendSerialConsoleSshPublicKeyAsync(instance.InstanceId, sshPublicKey, serialPort, token), cancellationToken);
    }

    public Task<string> ReadConsoleOutputAsync(string instanceId, CancellationToken cancellationToken) =>
        Listing.Ec2Inventory.For(this).GetConsoleOutputAsync(instanceId, cancellationToken);

    /// <summary>Where ssh reaches this region's serial console (its FIPS name when FIPS is on), from the published list.</summary>
    /// <exception cref="EicAwsException">The list has no endpoint for the region, or no FIPS one while FIPS is on.</exception>
    public (string HostName, SerialConsoleEndpoint Endpoint) FindSerialConsoleEndpoint()
    {
        SerialConsoleEndpoint? published;
        try
        {
            published = SerialConsoleEndpoints.For(Info.Region);
        }
        catch (FormatException malformed)
        {
            throw new EicAwsException(EicAwsErrorKind.InvalidInput, malformed.Message, malformed);
        }

        var endpoint = published ?? throw new EicAwsException(
            EicAwsErrorKind.InvalidInput,
            $"no EC2 Serial Console endpoint is known for {Info.Region}: add `{Info.Region} HOST SHA256:FINGERPRINT` from AWS's "
            + $"\"EC2 Serial Console endpoints and fingerprints\" to {SerialConsoleEndpoints.OverrideFiles().First()}");
        if (!_useFips)
        {
            return (endpoint.HostName, endpoint);
        }

        return endpoint.FipsHostName is { } fips ? (fips, endpoint) : throw new EicAwsException(
            EicAwsErrorKind.InvalidInput,
            $"FIPS endpoints are on, but no FIPS EC2 Serial Console endpoint is known for {Info.Region} (AWS publishes {endpoint.HostName}): "
            + "turn FIPS off for this connection (AWS_USE_FIPS_ENDPOINT=false) or add the FIPS name as a 4th field in "
            + SerialConsoleEndpoints.OverrideFiles().First());
    }

    public void Dispose()
    {
        _ec2.Dispose();
        _instanceConnect.Dispose();
        SessionManager?.Dispose();
    }
}
