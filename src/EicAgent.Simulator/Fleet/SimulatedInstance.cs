using System.Net;
using EicAgent.Simulator.Network;
using EicAgent.Simulator.Sshd;

namespace EicAgent.Simulator.Fleet;

/// <summary>
/// A simulated EC2 instance: a real sshd with its own host key and log, that accepts only the keys pushed for it
/// through EC2 Instance Connect in the last 60 seconds. sshd listens on a backstage port; the instance's addresses
/// are <see cref="GuardedPort"/>s that let in what its security groups (and the <see cref="SimulatedNetwork"/>) allow.
/// </summary>
public sealed class SimulatedInstance : IAsyncDisposable
{
    private readonly SemaphoreSlim _transition = new(1, 1);
    private readonly string _configPath;
    private readonly Lock _tagsLock = new();
    private readonly SimulatedNetwork _network;
    private readonly TimeProvider _clock;
    private readonly HostKey _hostKey;
    private readonly OwnMachine? _machine;
    private SshdProcess? _sshd;
    private GuardedPort? _publicPort;
    private GuardedPort? _privatePort;
    private GuardedPort? _ipv6Port;
    private IReadOnlyDictionary<string, string> _tags;

    private SimulatedInstance(InstanceDefinition definition, IReadOnlyList<string> osUsers, string? publicIp, string privateIp,
        IPEndPoint backstage, InstanceSetup setup, HostKey hostKey, string configPath, SshdLog log, OwnMachine? machine, string? homeDirectory)
    {
        HomeDirectory = homeDirectory;
        Definition = definition;
        _tags = definition.Tags;
        OsUsers = osUsers;
        PublicIpAddress = publicIp;
        PrivateIpAddress = privateIp;
        Ipv6Address = definition.Ipv6Host is { } ipv6Host ? setup.Block.Ipv6Address(ipv6Host) : definition.Ipv6Address;
        Ipv6Answers = setup.Ipv6Answers && definition.Ipv6Host is not null;
        Backstage = backstage;
        SshPort = setup.SshPort;
        PrivateDnsName = DnsNames.Private(privateIp, setup.Region);
        PublicDnsName = publicIp is null ? null : DnsNames.Public(publicIp, setup.Region);
        HostPublicKey = hostKey.PublicKeyLine;
        _hostKey = hostKey;
        _configPath = configPath;
        _network = setup.Network;
        _clock = setup.Clock;
        _machine = machine;
        SshdLog = log;
        LaunchedAt = setup.LaunchedAt;
        Boot(setup.LaunchedAt);
        _network.VpnChanged += OnVpnChangedAsync;
    }

    public InstanceDefinition Definition { get; }

    public string InstanceId => Definition.InstanceId;

    /// <summary>The instance's tags now: the definition's, as CreateTags and DeleteTags have changed them since.</summary>
    public IReadOnlyDictionary<string, string> Tags
    {
        get
        {
            lock (_tagsLock)
            {
                return _tags;
            }
        }
    }

    public string? Name => Tags.TryGetValue("Name", out var name) ? name : null;

    /// <summary>The OS users sshd lets in: the definition's, or only the current user when the simulator is not root.</summary>
    public IReadOnlyList<string> OsUsers { get; }

    /// <summary>The public address this instance has while running (null for a private-only instance).</summary>
    public string? PublicIpAddress { get; }

    public string PrivateIpAddress { get; }

    /// <summary>The IPv6 address the API reports: in the simulator's IPv6 block (<see cref="InstanceDefinition.Ipv6Host"/>), or the definition's fixed one.</summary>
    public string? Ipv6Address { get; }

    /// <summary>Whether port 22 of <see cref="Ipv6Address"/> answers on this machine while the instance runs (its security groups decide who gets in).</summary>
    public bool Ipv6Answers { get; }

    public string? PublicDnsName { get; }

    public string PrivateDnsName { get; }

    /// <summary>The host name the instance's sessions see (`hostname`): its private DNS name's first label, as on EC2.</summary>
    public string HostName => PrivateDnsName.Split('.')[0];

    /// <summary>
    /// Where a client outside the VPC reaches this instance's sshd: its public address (a private-only instance has
    /// none: this is then its private address, which answers only on the VPN).
    /// </summary>
    public string SshAddress => PublicIpAddress ?? PrivateIpAddress;

    /// <summary>The port of the instance's addresses (22 as root); sshd itself listens on <see cref="Backstage"/>.</summary>
    public int SshPort { get; }

    /// <summary>
    /// The directory on the simulator's machine that holds this instance's home directories (one per OS user): its
    /// /home as root with namespaces, the sessions' HOME and start directory off root; null when sessions see the real /home.
    /// </summary>
    public string? HomeDirectory { get; }

    public InstanceStateName State { get; private set; } = InstanceStateName.Stopped;

    /// <summary>The sshd host public key, as a known_hosts / authorized_keys line ("ssh-ed25519 AAAA... comment").</summary>
    public string HostPublicKey { get; }

    public SshdLog SshdLog { get; }

    public int? SshdProcessId => _sshd?.ProcessId;

    /// <summary>sshd's own listening address: a high port of the private address, outside the simulated network.</summary>
    internal IPEndPoint Backstage { get; }

    internal string ConsoleOutput { get; private set; } = "";

    /// <summary>When <see cref="ConsoleOutput"/> last changed: the instance's last boot.</summary>
    internal DateTimeOffset ConsoleChangedAt { get; private set; }

    internal DateTimeOffset LaunchedAt { get; }

    /// <summary>Replaces the tags with <paramref name="change"/> of a copy of them (readers keep the copy they hold).</summary>
    internal void ChangeTags(Action<Dictionary<string, string>> change)
    {
        lock (_tagsLock)
        {
            var tags = new Dictionary<string, string>(_tags, StringComparer.Ordinal);
            change(tags);
            _tags = tags;
        }
    }

    internal static async Task<SimulatedInstance> CreateAsync(
        InstanceDefinition definition, InstanceSetup setup, CancellationToken cancellationToken)
    {
        var directory = StateDirectories.CreatePrivate(setup.StateDirectory, definition.InstanceId);
        var publicIp = definition.PublicAddress is { } publicOctet ? setup.Block.Address(publicOctet) : null;
        var privateIp = setup.Block.Address(definition.PrivateAddress);
        var hostName = DnsNames.Private(privateIp, setup.Region).Split('.')[0];
        var hostKey = await HostKey.GenerateAsync(directory, $"root@{hostName}", cancellationToken);
        var osUsers = Permissions.IsRoot ? definition.OsUsers : [Environment.UserName];
        var backstage = BackstagePort.Choose(privateIp);
        var machine = await OwnMachine.PrepareAsync(directory, hostName, osUsers, setup.StateDirectory, cancellationToken);
        var sessionHome = Permissions.IsRoot ? null : Directory.CreateDirectory(Path.Combine(directory, "home", osUsers[0])).FullName;
        var config = new SshdConfig(
            definition.InstanceId,
            [$"{backstage.Address}:{backstage.Port}"],
            hostKey.PrivateKeyPath,
            setup.AuthorizedKeysScript,
            osUsers,
            setup.DisablePerSourcePenalties,
            sessionHome)
        {
            LoginGraceTime = setup.LoginGraceTime,
        };
        var configPath = config.Write(Path.Combine(directory, "sshd_config"));
        var log = new SshdLog(Path.Combine(directory, "sshd.log"));
        var homes = machine?.HomeDirectory ?? (sessionHome is null ? null : Path.GetDirectoryName(sessionHome));
        return new SimulatedInstance(definition, osUsers, publicIp, privateIp, backstage, setup, hostKey, configPath, log, machine, homes);
    }

    /// <summary>Starts sshd, waits until it listens, then opens the instance's addresses; it is running from then on.</summary>
    internal async Task<InstanceStateName> StartAsync(CancellationToken cancellationToken)
    {
        await _transition.WaitAsync(cancellationToken);
        try
        {
            var previous = State;
            if (_sshd is null)
            {
                _sshd = await SshdProcess.StartAsync(_configPath, SshdLog, 1, _machine?.Command(_configPath), cancellationToken);
                Boot(_clock.GetUtcNow());
                _publicPort = PublicIpAddress is null ? null : Guard(PublicIpAddress);
                _privatePort = _network.OnVpn ? Guard(PrivateIpAddress) : null;
                _ipv6Port = Ipv6Answers ? Guard(Ipv6Address!) : null;
                State = InstanceStateName.Running;
            }

            return previous;
        }
        finally
        {
            _transition.Release();
        }
    }

    /// <summary>Closes its addresses and kills sshd (and every session it had): stopped and unreachable from then on.</summary>
    internal async Task<InstanceStateName> StopAsync(CancellationToken cancellationToken)
    {
        await _transition.WaitAsync(cancellationToken);
        try
        {
            var previous = State;
            await CloseAsync(_publicPort);
            await CloseAsync(_privatePort);
            await CloseAsync(_ipv6Port);
            (_publicPort, _privatePort, _ipv6Port) = (null, null, null);
            if (_sshd is not null)
            {
                await _sshd.DisposeAsync();
                _sshd = null;
            }

            State = InstanceStateName.Stopped;
            return previous;
        }
        finally
        {
            _transition.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _network.VpnChanged -= OnVpnChangedAsync;
        await StopAsync(CancellationToken.None);
        SshdLog.Dispose();
    }

    private void Boot(DateTimeOffset at)
    {
        // The log ends with the login prompt a few seconds after power-on; that is when the console output last changed.
        ConsoleOutput = Fleet.ConsoleOutput.Build(Definition, HostName, _hostKey.PublicKeyLine, at.AddSeconds(-15));
        ConsoleChangedAt = at;
    }

    private GuardedPort Guard(string address) =>
        GuardedPort.Open(new IPEndPoint(IPAddress.Parse(address), SshPort), Backstage, source => _network.AdmitsClient(Definition, source));

    private async Task OnVpnChangedAsync(bool onVpn)
    {
        await _transition.WaitAsync();
        try
        {
            if (State != InstanceStateName.Running)
            {
                return;
            }

            if (onVpn)
            {
                _privatePort ??= Guard(PrivateIpAddress);
            }
            else
            {
                await CloseAsync(_privatePort);
                _privatePort = null;
            }
        }
        finally
        {
            _transition.Release();
        }
    }

    private static ValueTask CloseAsync(GuardedPort? port) => port?.DisposeAsync() ?? ValueTask.CompletedTask;
}
