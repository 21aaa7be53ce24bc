using EicAgent.Simulator.Sshd;

namespace EicAgent.Simulator.Fleet;

/// <summary>
/// A simulated EC2 instance: a real sshd on the instance's own loopback addresses, with its own host key and log,
/// that accepts only the keys pushed for it through EC2 Instance Connect in the last 60 seconds.
/// </summary>
public sealed class SimulatedInstance : IAsyncDisposable
{
    private readonly SemaphoreSlim _transition = new(1, 1);
    private readonly string _configPath;
    private readonly Lock _tagsLock = new();
    private SshdProcess? _sshd;
    private IReadOnlyDictionary<string, string> _tags;

    private SimulatedInstance(InstanceDefinition definition, IReadOnlyList<string> osUsers, string? publicIp, string privateIp,
        int sshPort, string region, HostKey hostKey, string configPath, SshdLog log, DateTimeOffset launchedAt)
    {
        Definition = definition;
        _tags = definition.Tags;
        OsUsers = osUsers;
        PublicIpAddress = publicIp;
        PrivateIpAddress = privateIp;
        SshPort = sshPort;
        PrivateDnsName = DnsNames.Private(privateIp, region);
        PublicDnsName = publicIp is null ? null : DnsNames.Public(publicIp, region);
        HostPublicKey = hostKey.PublicKeyLine;
        _configPath = configPath;
        SshdLog = log;
        LaunchedAt = launchedAt;
        ConsoleOutput = Fleet.ConsoleOutput.Build(definition, PrivateDnsName.Split('.')[0], hostKey.PublicKeyLine, launchedAt);
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

    public string? PublicDnsName { get; }

    public string PrivateDnsName { get; }

    /// <summary>Where ssh reaches this instance's sshd directly: the public address, else the private one.</summary>
    public string SshAddress => PublicIpAddress ?? PrivateIpAddress;

    public int SshPort { get; }

    public InstanceStateName State { get; private set; } = InstanceStateName.Stopped;

    /// <summary>The sshd host public key, as a known_hosts / authorized_keys line ("ssh-ed25519 AAAA... comment").</summary>
    public string HostPublicKey { get; }

    public SshdLog SshdLog { get; }

    public int? SshdProcessId => _sshd?.ProcessId;

    internal string ConsoleOutput { get; }

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
        var hostKey = await HostKey.GenerateAsync(directory, $"root@{DnsNames.Private(privateIp, setup.Region).Split('.')[0]}", cancellationToken);
        var osUsers = Permissions.IsRoot ? definition.OsUsers : [Environment.UserName];
        var config = new SshdConfig(
            definition.InstanceId,
            publicIp is null ? [privateIp] : [publicIp, privateIp],
            setup.SshPort,
            hostKey.PrivateKeyPath,
            setup.AuthorizedKeysScript,
            osUsers,
            setup.DisablePerSourcePenalties);
        var configPath = config.Write(Path.Combine(directory, "sshd_config"));
        var log = new SshdLog(Path.Combine(directory, "sshd.log"));
        return new SimulatedInstance(definition, osUsers, publicIp, privateIp, setup.SshPort, setup.Region, hostKey, configPath, log, setup.LaunchedAt);
    }

    /// <summary>Starts sshd and waits until it listens; the instance is running from then on.</summary>
    internal async Task<InstanceStateName> StartAsync(CancellationToken cancellationToken)
    {
        await _transition.WaitAsync(cancellationToken);
        try
        {
            var previous = State;
            if (_sshd is null)
            {
                var listenAddresses = PublicIpAddress is null ? 1 : 2;
                _sshd = await SshdProcess.StartAsync(_configPath, SshdLog, listenAddresses, cancellationToken);
                State = InstanceStateName.Running;
            }

            return previous;
        }
        finally
        {
            _transition.Release();
        }
    }

    /// <summary>Kills sshd (and every session it had): the instance is stopped and unreachable from then on.</summary>
    internal async Task<InstanceStateName> StopAsync(CancellationToken cancellationToken)
    {
        await _transition.WaitAsync(cancellationToken);
        try
        {
            var previous = State;
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
        await StopAsync(CancellationToken.None);
        SshdLog.Dispose();
    }
}
