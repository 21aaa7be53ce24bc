using EicAgent.Simulator.Ec2;
using EicAgent.Simulator.Endpoints;
using EicAgent.Simulator.Faults;
using EicAgent.Simulator.Fleet;
using EicAgent.Simulator.Http;
using EicAgent.Simulator.Network;
using EicAgent.Simulator.InstanceConnect;
using EicAgent.Simulator.SerialConsole;
using EicAgent.Simulator.Signing;
using EicAgent.Simulator.Sshd;
using EicAgent.Simulator.Sts;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EicAgent.Simulator;

/// <summary>
/// A local AWS for EicAgent: EC2, EC2 Instance Connect and STS on one loopback endpoint (the real SDKs and CLI
/// reach it through AWS_ENDPOINT_URL), and every running instance a real sshd that accepts only keys pushed for it.
/// <code>await using var sim = await Simulator.StartAsync(new SimulatorOptions { Clock = clock });</code>
/// </summary>
public sealed class Simulator : IAsyncDisposable
{
    private readonly SimulatorOptions _options;
    private readonly SimulatorState _state;
    private WebApplication? _app;
    private EndpointCertificate? _endpointCertificate;
    private OpenTunnelService? _tunnels;
    private AddressBlock? _block;
    private SerialEndpoint? _serialEndpoint;

    private Simulator(SimulatorOptions options)
    {
        _options = options;
        Callers = [options.Caller, .. options.OtherCallers, .. options.Policy.Callers];
        _state = new SimulatorState(options.Region, options.Caller.Account, options.Clock, options.Policy, options.Fleet, options.OnVpn, options.KeyLookupCost);
        Faults = new FaultInjection(options.Clock, options.Latency);
    }

    /// <summary>The one URL of every simulated service, e.g. http://127.0.0.1:41234/.</summary>
    public Uri Endpoint { get; private set; } = null!;

    public string Region => _options.Region;

    /// <summary>The identity the <see cref="Environment"/> credentials belong to.</summary>
    public SimulatedCaller Caller => _options.Caller;

    /// <summary>Every identity whose credentials the simulator accepts.</summary>
    public IReadOnlyList<SimulatedCaller> Callers { get; }

    public TimeProvider Clock => _options.Clock;

    public FaultInjection Faults { get; }

    public IReadOnlyList<SimulatedInstance> Instances => _state.Instances;

    public IReadOnlyList<ConnectEndpointDefinition> ConnectEndpoints => _state.ConnectEndpoints;

    /// <summary>The loopback port where every Instance Connect Endpoint answers (TLS; the endpoints' DNS names do not resolve).</summary>
    public int EndpointTunnelPort { get; private set; }

    /// <summary>
    /// The same AWS API over TLS (https://localhost:PORT/, on the endpoints' port), with a certificate only
    /// <see cref="EndpointCaBundlePath"/> makes trusted: for AWS_ENDPOINT_URL when a test checks AWS_CA_BUNDLE.
    /// </summary>
    public Uri HttpsEndpoint => new($"https://localhost:{EndpointTunnelPort}/");

    /// <summary>The PEM of the CA that issued the endpoints' TLS certificate (AWS_CA_BUNDLE in <see cref="Environment"/>).</summary>
    public string EndpointCaBundlePath => _endpointCertificate?.CaBundlePath ?? "";

    /// <summary>The DNS name of an Instance Connect Endpoint (its FIPS or dual-stack name when asked), as DescribeInstanceConnectEndpoints gives it.</summary>
    public string EndpointDnsName(ConnectEndpointDefinition endpoint, bool fips = false, bool dualStack = false) =>
        (dualStack ? DescribeInstanceConnectEndpoints.DualStackDnsNames(endpoint, Region) : DescribeInstanceConnectEndpoints.DnsNames(endpoint, Region))
            is var (dns, fipsDns) && fips ? fipsDns : dns;

    /// <summary>Tunnels open right now through the endpoint <paramref name="endpointId"/>.</summary>
    public int OpenTunnels(string endpointId) => _tunnels?.OpenTunnels(endpointId) ?? 0;

    /// <summary>
    /// Whether the instances' IPv6 addresses in the simulator's block answer on this machine (root on Linux, see
    /// <see cref="InstanceDefinition.Ipv6Host"/>); false also when no instance has one.
    /// </summary>
    public bool Ipv6Reachable { get; private set; }

    /// <summary>Whether this machine is "on a VPN" into the VPCs: the instances' private addresses answer only then.</summary>
    public bool OnVpn => _state.Network.OnVpn;

    /// <summary>Connects this machine to the VPCs' VPN (private addresses open, their security groups deciding) or disconnects it (nothing listens there).</summary>
    public Task SetVpnAsync(bool onVpn) => _state.Network.SetVpnAsync(onVpn);

    /// <summary>The port every instance's sshd listens on (22 as root).</summary>
    public int SshPort { get; private set; }

    /// <summary>The private directory holding host keys, sshd configs and logs; removed on dispose.</summary>
    public string StateDirectory { get; private set; } = "";

    /// <summary>A known_hosts file with every instance's host key under its addresses (for plain ssh to an address).</summary>
    public string KnownHostsPath => Path.Combine(StateDirectory, "known_hosts");

    /// <summary>The account's serial console: access (off until EnableSerialConsoleAccess), sessions, the endpoint (root only).</summary>
    public SimulatedSerialConsole SerialConsole => _state.SerialConsole;

    /// <summary>The ssh_config `eic sim` writes (see <see cref="SshClientConfig.File"/>); it includes ~/.ssh/config.</summary>
    public string SshConfigPath => Path.Combine(StateDirectory, "ssh_config");

    /// <summary>
    /// Off root, a directory of `ssh`, `scp` and `sftp` wrappers that use <see cref="SshConfigPath"/>, to put first
    /// on PATH (rsync and git run `ssh` from there too); null as root, where port 22 and the fleet's users need no wrapper.
    /// </summary>
    public string? ClientCommandsDirectory { get; private set; }

    /// <summary>OS users this simulator created (they stay after it stops).</summary>
    public IReadOnlyList<string> CreatedOsUsers { get; private set; } = [];

    /// <summary>Every AWS call answered so far, oldest first.</summary>
    public IReadOnlyList<RecordedRequest> Requests => _state.Requests.ToArray();

    /// <summary>Keys pushed for <paramref name="osUser"/> on <paramref name="instanceId"/> in the last 60 s: what every login there checks.</summary>
    public int LiveKeys(string instanceId, string osUser) => _state.Keys.ActiveKeys(instanceId, osUser).Count;

    /// <summary>Key lookups the instances answered, and those that ran past the 5 s limit (and so let nobody in).</summary>
    public (int Lookups, int TimedOut) KeyLookups => (_state.KeyLookup.Lookups, _state.KeyLookup.Timeouts);

    /// <summary>How many times <paramref name="instanceId"/>'s AuthorizedKeysCommand has looked up keys for <paramref name="osUser"/>.</summary>
    public int KeyLookupsFor(string instanceId, string osUser) => _state.KeyLookup.LookupsFor(instanceId, osUser);

    /// <summary>
    /// The variables that point AWS SDKs and CLIs here: AWS_ENDPOINT_URL and the per-service AWS_ENDPOINT_URL_EC2,
    /// _EC2_INSTANCE_CONNECT and _STS, the credentials of <see cref="Caller"/>, AWS_REGION / AWS_DEFAULT_REGION, and
    /// AWS_EC2_METADATA_DISABLED (no IMDS lookups on a developer machine); and for the Instance Connect Endpoints,
    /// EIC_EICE_CONNECT_TO (their address) and AWS_CA_BUNDLE (the CA of their certificate); as root, for the serial
    /// console endpoint, EIC_SERIAL_CONSOLE_CONNECT_TO and EIC_SERIAL_CONSOLE_ENDPOINTS (see SerialConsoleEnvironment).
    /// </summary>
    public IReadOnlyDictionary<string, string> Environment => SerialConsoleEnvironment.Add(
        SimulatorEnvironment.For(Endpoint, _options.Caller, Region, EndpointTunnelPort, EndpointCaBundlePath), SerialConsole, StateDirectory);

    public static async Task<Simulator> StartAsync(SimulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new SimulatorOptions();
        options.Validate();
        var simulator = new Simulator(options);
        try
        {
            await simulator.StartCoreAsync(cancellationToken);
            return simulator;
        }
        catch
        {
            await simulator.DisposeAsync();
            throw;
        }
    }

    /// <summary>The instance with this id or Name tag; throws when there is none or more than one.</summary>
    public SimulatedInstance Instance(string idOrName)
    {
        var matches = Instances.Where(i => i.InstanceId == idOrName || i.Name == idOrName).ToArray();
        return matches.Length == 1
            ? matches[0]
            : throw new InvalidOperationException($"{matches.Length} simulated instances have the id or Name '{idOrName}'");
    }

    /// <summary>The environment as `export` lines, then the ssh_config snippet and the fleet table as shell comments.</summary>
    public string DescribeForShell() => SimulatorBanner.For(this);

    /// <summary>A Host block for ~/.ssh/config: the instances' known host keys (and their port when it is not 22).</summary>
    public string SshConfigSnippet() => SshClientConfig.Snippet(this);

    /// <summary>Stops the web server, kills every sshd with its sessions, and removes the state directory.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_serialEndpoint is not null)
        {
            await _serialEndpoint.DisposeAsync();
            _serialEndpoint = null;
        }

        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            _app = null;
        }

        _endpointCertificate?.Dispose();
        _endpointCertificate = null;
        foreach (var instance in _state.Instances)
        {
            await instance.DisposeAsync();
        }

        if (StateDirectory.Length > 0 && Directory.Exists(StateDirectory))
        {
            Directory.Delete(StateDirectory, recursive: true);
        }

        _block?.Release();
        _block = null;
    }

    private async Task StartCoreAsync(CancellationToken cancellationToken)
    {
        StateDirectory = StateDirectories.Create(_options.StateDirectoryParent);
        var logger = (_options.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger("EicAgent.Simulator");
        var sessions = new StsSessions(Clock);
        var verifier = new SigV4Verifier(Callers, Region, Clock) { IssuedSessions = sessions };
        var ssmSessions = new SessionManager.SsmSessions();
        var aws = new AwsEndpoint(
            [new Ec2Api(_state), new InstanceConnectApi(_state, logger), new StsApi(sessions), new SessionManager.SsmApi(_state, ssmSessions, logger)], verifier, Faults, _state, logger);
        var endpointNames = _state.ConnectEndpoints.SelectMany(e => DescribeInstanceConnectEndpoints.AllDnsNames(e, Region));
        _endpointCertificate = EndpointCertificate.Create(endpointNames, StateDirectory, Clock.GetUtcNow());
        _tunnels = new OpenTunnelService(_state, verifier, logger);
        (_app, Endpoint, EndpointTunnelPort) = await SimulatorServer.StartAsync(
            _options.Port, aws, _state, (_tunnels, _endpointCertificate.Server), new SessionManager.DataChannelService(_state, ssmSessions, logger), _options.LoggerFactory,
            cancellationToken);

        var definitions = _options.Fleet.Instances;
        if (Permissions.IsRoot)
        {
            CreatedOsUsers = await OsUsers.EnsureAsync(definitions.SelectMany(d => d.OsUsers), cancellationToken);
        }

        SshPort = _options.SshPort ?? (Permissions.IsRoot ? 22 : 2222);
        _block = AddressBlock.Claim([.. definitions.SelectMany(d => d.AddressOctets), SerialEndpoint.AddressOctet], SshPort);
        var setup = new InstanceSetup(
            StateDirectory,
            _block,
            SshPort,
            Region,
            AuthorizedKeysScript.Write(StateDirectories.CreateShared(StateDirectory, "bin"), Endpoint.Port, _options.KeyLookupCost.Limit),
            await SshdFeatures.HasPerSourcePenaltiesAsync(StateDirectory, cancellationToken),
            Clock.GetUtcNow(),
            Clock,
            _state.Network)
        {
            LoginGraceTime = _options.LoginGraceTime,
            Ipv6Answers = await Ipv6AnswersAsync(definitions, logger, cancellationToken),
        };
        _state.Instances = await CreateInstancesAsync(definitions, setup, cancellationToken);
        await File.WriteAllTextAsync(KnownHostsPath, SshClientConfig.KnownHosts(_state.Instances), cancellationToken);
        await File.WriteAllTextAsync(SshConfigPath, SshClientConfig.File(this), cancellationToken);
        ClientCommandsDirectory = Permissions.IsRoot ? null : ClientCommands.Write(StateDirectory, SshConfigPath);
        await Task.WhenAll(_state.Instances.Where(i => i.Definition.Running).Select(i => i.StartAsync(cancellationToken)));
        if (Permissions.IsRoot)
        {
            _serialEndpoint = await SerialEndpoint.StartAsync(setup, Endpoint.Port, [.. _state.Instances.Select(i => i.InstanceId)], cancellationToken);
            CreatedOsUsers = [.. CreatedOsUsers, .. _serialEndpoint.CreatedUsers];
            await SerialConsoleEnvironment.PublishAsync(SerialConsole, _serialEndpoint, Region, StateDirectory, cancellationToken);
        }
    }

    /// <summary>Makes the block's IPv6 addresses answer when an instance has one there; says once why they cannot.</summary>
    private async Task<bool> Ipv6AnswersAsync(IEnumerable<InstanceDefinition> definitions, ILogger logger, CancellationToken cancellationToken)
    {
        if (!definitions.Any(d => d.Ipv6Host is not null))
        {
            return false;
        }

        var unreachable = await LocalIpv6Prefix.EnsureAsync(_block!.Ipv6Address(1), cancellationToken);
        if (unreachable is not null)
        {
            LocalIpv6Prefix.Unreachable(logger, unreachable);
        }

        Ipv6Reachable = unreachable is null;
        return Ipv6Reachable;
    }

    // All or none: instances made before one failed would otherwise keep their log files open.
    private static async Task<SimulatedInstance[]> CreateInstancesAsync(
        IEnumerable<InstanceDefinition> definitions, InstanceSetup setup, CancellationToken cancellationToken)
    {
        var creating = definitions.Select(d => SimulatedInstance.CreateAsync(d, setup, cancellationToken)).ToArray();
        try
        {
            return await Task.WhenAll(creating);
        }
        catch
        {
            foreach (var created in creating.Where(t => t.IsCompletedSuccessfully))
            {
                await created.Result.DisposeAsync();
            }

            throw;
        }
    }
}
