using EicAgent.Aws.Scopes;
using EicAgent.Testing;
using LocalAws = EicAgent.Simulator.Simulator;

namespace EicAgent.Benchmarks;

/// <summary>
/// Everything the measurements share: a simulated AWS with real sshd instances, an `eic agent` on a private
/// socket (started and stopped by each measurement), a static key, and one ssh_config per way of connecting.
/// </summary>
internal sealed class BenchWorld : IAsyncDisposable
{
    public const string Target = "web-1";
    public const string OsUser = "ec2-user";

    private readonly TemporaryDirectory _directory = new("eic-bench-");
    private AwsScopes? _scopes;

    private BenchWorld(BenchmarkOptions options) => Options = options;

    public BenchmarkOptions Options { get; }

    public LocalAws Sim { get; private set; } = null!;

    public EicAgentProcess Agent { get; private set; } = null!;

    public IReadOnlyDictionary<string, string?> Environment { get; private set; } = new Dictionary<string, string?>();

    public string Directory => _directory.Path;

    public string StaticKeyPath => _directory.Combine("static_key");

    /// <summary>
    /// A static RSA key in PEM form with no public half beside it: ssh cannot read its public key in advance, so it
    /// signs with it at once (as mssh does) and the instance looks it up once per login, like eic's key file.
    /// </summary>
    public string SigningKeyPath => _directory.Combine("signing_key");

    /// <summary>Host `direct`: web-1 with the signing key (push it first).</summary>
    public string SigningConfig => _directory.Combine("signing_config");

    /// <summary>The block from `eic ssh-config`, this world's known hosts and port: `ssh -F EicConfig web-1.eic`.</summary>
    public string EicConfig => _directory.Combine("eic_config");

    /// <summary>Hosts `direct` and `nc`: web-1 with the static key (push it first), directly or through `nc %h %p`.</summary>
    public string StaticConfig => _directory.Combine("static_config");

    /// <summary>For baseline (b): the instances' known hosts, keys given with -i only.</summary>
    public string BaselineConfig => _directory.Combine("baseline_config");

    public string EicHost => $"{Target}.eic";

    /// <summary>The same instance by its id: eic pushes to an id without waiting for the lookup.</summary>
    public string EicIdHost => $"{Sim.Instance(Target).InstanceId}.eic";

    public static async Task<BenchWorld> StartAsync(BenchmarkOptions options)
    {
        var world = new BenchWorld(options);
        try
        {
            await world.InitializeAsync();
            return world;
        }
        catch
        {
            await world.DisposeAsync();
            throw;
        }
    }

    /// <summary>Lets the static key log in to web-1 for the next 60 s, as SendSSHPublicKey does.</summary>
    public async Task PushStaticKeyAsync()
    {
        _scopes ??= new AwsScopes();
        var instanceId = Sim.Instance(Target).InstanceId;
        await KeyPush.PushAsync(_scopes, instanceId, OsUser, await File.ReadAllTextAsync(StaticKeyPath + ".pub"), CancellationToken.None);
    }

    /// <summary>Lets the signing key log in to web-1 for the next 60 s.</summary>
    public async Task PushSigningKeyAsync()
    {
        _scopes ??= new AwsScopes();
        await KeyPush.PushAsync(_scopes, Sim.Instance(Target).InstanceId, OsUser, await File.ReadAllTextAsync(SigningKeyPath + ".public"), CancellationToken.None);
    }

    /// <summary>How many times web-1 has looked up keys for the user so far.</summary>
    public int KeyLookups() => Sim.KeyLookupsFor(Sim.Instance(Target).InstanceId, OsUser);

    /// <summary>Runs a program in this world's environment, timed from start to exit.</summary>
    public Task<TimedResult> TimeAsync(string program, params string[] arguments) => Timed.RunAsync(program, arguments, Environment);

    /// <summary>The same with a longer bound, for one large transfer.</summary>
    public Task<TimedResult> TimeAsync(TimeSpan bound, string program, params string[] arguments) => Timed.RunAsync(program, arguments, Environment, bound);

    public async ValueTask DisposeAsync()
    {
        if (Agent is not null)
        {
            await Agent.StopAsync();
        }

        _scopes?.Dispose();
        if (Sim is not null)
        {
            await Sim.DisposeAsync();
        }

        _directory.Dispose();
    }

    private async Task InitializeAsync()
    {
        Sim = await LocalAws.StartAsync(new Simulator.SimulatorOptions { KeyLookupCost = Options.KeyLookupCost });
        Environment = new Dictionary<string, string?>(Sim.Environment.Select(e => KeyValuePair.Create(e.Key, (string?)e.Value)))
        {
            ["AWS_CONFIG_FILE"] = _directory.Combine("aws-config"),
            ["AWS_SHARED_CREDENTIALS_FILE"] = _directory.Combine("aws-credentials"),
            ["AWS_PROFILE"] = null,
            ["EIC_AGENT_SOCK"] = null,
        };
        // This process pushes the static key with the SDK, so it needs the same variables as the children.
        foreach (var (name, value) in Environment)
        {
            System.Environment.SetEnvironmentVariable(name, value);
        }

        await Checked(ProcessRunner.RunAsync("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "eic-bench-static", "-f", StaticKeyPath));
        await Checked(ProcessRunner.RunAsync("ssh-keygen", "-q", "-t", "rsa", "-b", "2048", "-m", "PEM", "-N", "", "-C", "eic-bench-signing", "-f", SigningKeyPath));
        File.Move(SigningKeyPath + ".pub", SigningKeyPath + ".public");
        Agent = new EicAgentProcess(Options.EicPath, _directory.Combine("agent.sock"), Environment);
        await WriteConfigsAsync();
    }

    private async Task WriteConfigsAsync()
    {
        var block = await Checked(ProcessRunner.RunAsync(Options.EicPath, ["ssh-config", "--socket", Agent.SocketPath, "--eic", Options.EicPath], Environment));
        var knownHosts = _directory.Combine("known_hosts");
        await File.WriteAllLinesAsync(knownHosts, Sim.Instances.Select(i => $"{i.InstanceId},{i.InstanceId}.eic,{i.Name}.eic {i.HostPublicKey}"));
        const string Common = "    StrictHostKeyChecking yes\n    BatchMode yes\n    LogLevel ERROR\n    ControlMaster no\n    ControlPath none\n";
        await File.WriteAllTextAsync(EicConfig, $"{block.StandardOutput}\nHost *\n    UserKnownHostsFile {knownHosts}\n{Common}    Port {Sim.SshPort}\n");

        var web = Sim.Instance(Target);
        var staticKey = $"    IdentityFile {StaticKeyPath}\n    IdentitiesOnly yes\n    IdentityAgent none\n";
        await File.WriteAllTextAsync(StaticConfig, $"""
            Host nc
                ProxyCommand nc %h %p
            Host direct nc
                HostName {web.PublicIpAddress}
                Port {Sim.SshPort}
                User {OsUser}
                UserKnownHostsFile {Sim.KnownHostsPath}
            Host *
            {staticKey}{Common}
            """);
        await File.WriteAllTextAsync(SigningConfig, $"""
            Host direct
                HostName {web.PublicIpAddress}
                Port {Sim.SshPort}
                User {OsUser}
                UserKnownHostsFile {Sim.KnownHostsPath}
            Host *
                IdentityFile {SigningKeyPath}
                IdentitiesOnly yes
                IdentityAgent none
            {Common}
            """);
        await File.WriteAllTextAsync(BaselineConfig, $"Host *\n    UserKnownHostsFile {Sim.KnownHostsPath}\n    Port {Sim.SshPort}\n    IdentitiesOnly yes\n    IdentityAgent none\n{Common}");
    }

    /// <summary>A setup step (ssh-keygen, ssh-add, ...) that must succeed for the figures to mean anything.</summary>
    public static async Task<ProcessResult> Checked(Task<ProcessResult> run)
    {
        var result = await run;
        return result.ExitCode == 0 ? result : throw new InvalidOperationException($"setup step failed: {result}");
    }
}
