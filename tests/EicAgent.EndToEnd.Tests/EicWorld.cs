using System.Diagnostics;
using System.Text;
using EicAgent.Simulator;
using EicAgent.Simulator.Fleet;
using EicAgent.Simulator.Policy;
using EicAgent.Testing;
using Xunit;

namespace EicAgent.EndToEnd.Tests;

/// <summary>
/// A simulated AWS with real sshd instances, a running `eic agent`, and an ssh_config made of exactly the block
/// users include (rendered by `eic ssh-config`) plus this world's known host keys. Everything a user would run
/// goes through <see cref="ConfigPath"/>.
/// </summary>
public class EicWorld : IAsyncLifetime
{
    /// <summary>The default caller may push keys for these users only: `admin` is refused, as IAM would.</summary>
    public const string DeniedUser = "admin";

    /// <summary>The caller may push keys for this user, whom no instance has.</summary>
    public const string AbsentUser = "nosuchuser";

    private readonly TemporaryDirectory _directory = new("eic-e2e-");
    private readonly StringBuilder _agentLog = new();
    private readonly List<(string Text, int Count, TaskCompletionSource Logged)> _agentLogWaiters = [];
    private Process? _agent;

    public Simulator.Simulator Sim { get; private set; } = null!;

    public string SocketPath => _directory.Combine("agent.sock");

    public string ConfigPath => _directory.Combine("ssh_config");

    public string Directory => _directory.Path;

    /// <summary>The agent's audit file: XDG_STATE_HOME points into this world.</summary>
    public string AuditPath => _directory.Combine("state/eic/audit.jsonl");

    /// <summary>When this world began: files written since then are this run's.</summary>
    public DateTime StartedAt { get; } = DateTime.UtcNow;

    /// <summary>The `eic` apphost built beside this test assembly.</summary>
    public static string EicPath => Path.Combine(AppContext.BaseDirectory, "eic");

    /// <summary>What every process of this world runs with: the simulator's AWS variables and no user AWS files.</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; private set; } = new Dictionary<string, string?>();

    /// <summary>What the agent has logged so far (its stderr), for failure messages.</summary>
    public string AgentLog
    {
        get
        {
            lock (_agentLog)
            {
                return _agentLog.ToString();
            }
        }
    }

    /// <summary>How many lines the agent has logged so far that contain <paramref name="text"/>.</summary>
    public int AgentLogCount(string text)
    {
        lock (_agentLog)
        {
            return CountLocked(text);
        }
    }

    /// <summary>Completes once the agent has logged <paramref name="count"/> lines containing <paramref name="text"/> (it logs asynchronously), within 15 s.</summary>
    public Task AgentLoggedAsync(string text, int count)
    {
        var logged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_agentLog)
        {
            if (CountLocked(text) >= count)
            {
                return Task.CompletedTask;
            }

            _agentLogWaiters.Add((text, count, logged));
        }

        return logged.Task.WaitAsync(TimeSpan.FromSeconds(15));
    }

    public async Task InitializeAsync()
    {
        Sim = await Simulator.Simulator.StartAsync(new SimulatorOptions { Policy = Policy, Fleet = Fleet, LoginGraceTime = LoginGraceTime });
        var environment = new Dictionary<string, string?>(Sim.Environment.Select(e => KeyValuePair.Create(e.Key, (string?)e.Value)))
        {
            ["AWS_CONFIG_FILE"] = _directory.Combine("aws-config"),
            ["AWS_SHARED_CREDENTIALS_FILE"] = _directory.Combine("aws-credentials"),
            ["AWS_PROFILE"] = null,
            ["EIC_AGENT_SOCK"] = null,
            ["XDG_CACHE_HOME"] = _directory.Combine("cache"),
            ["XDG_STATE_HOME"] = _directory.Combine("state"),
        };
        Environment = environment;
        await WriteSshConfigAsync(ConfigPath);
        _agent = await StartAgentAsync();
    }

    /// <summary>Runs a program (ssh, scp, rsync, ...) in this world.</summary>
    public Task<ProcessResult> RunAsync(string program, IEnumerable<string> arguments, string? standardInput = null, string? workingDirectory = null,
        IReadOnlyDictionary<string, string?>? extraEnvironment = null)
    {
        var environment = new Dictionary<string, string?>(Environment);
        foreach (var (name, value) in extraEnvironment ?? new Dictionary<string, string?>())
        {
            environment[name] = value;
        }

        return ProcessRunner.RunAsync(program, arguments, environment, standardInput, workingDirectory, TimeSpan.FromSeconds(90));
    }

    /// <summary>Stops the agent `eic status` finds on <paramref name="socket"/> (e.g. one the proxy started on demand), if any.</summary>
    public async Task StopAgentAsync(string socket)
    {
        var status = await RunAsync(EicPath, ["status", "--socket", socket]);
        if (System.Text.RegularExpressions.Regex.Match(status.StandardOutput, @"\(pid (\d+)\)") is { Success: true } match)
        {
            using var agent = Process.GetProcessById(int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
            agent.Kill();
            await agent.WaitForExitAsync();
        }
    }

    /// <summary>`ssh -F CONFIG ARGS...`: what a user types, with our config.</summary>
    public Task<ProcessResult> SshAsync(params string[] arguments) => RunAsync("ssh", ["-F", ConfigPath, .. arguments]);

    /// <summary>
    /// ssh options for an agent of a test's own at <paramref name="socket"/>, as `eic ssh-config --socket` writes
    /// them: its ProxyCommand (with <paramref name="proxyOptions"/>), IdentityAgent and known_hosts file.
    /// </summary>
    public static string[] OwnAgentOptions(string socket, string proxyOptions = "") =>
    [
        "-o", $"ProxyCommand {EicPath} proxy --socket {socket} {proxyOptions} %h %p %r",
        "-o", $"IdentityAgent {socket}",
        "-o", $"GlobalKnownHostsFile {Path.Combine(Path.GetDirectoryName(socket)!, "eic_known_hosts")}",
    ];

    /// <summary>How many keys the simulator has been asked to push so far.</summary>
    public int PushCount => Sim.Requests.Count(r => r.Operation == "SendSSHPublicKey" && r.StatusCode == 200);

    /// <summary>A long-running process of this world (output redirected), for tests that read it while it runs.</summary>
    public ProcessStartInfo StartInfo(string program, IEnumerable<string> arguments)
    {
        var startInfo = new ProcessStartInfo(program, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in Environment)
        {
            if (value is null)
            {
                startInfo.Environment.Remove(name);
            }
            else
            {
                startInfo.Environment[name] = value;
            }
        }

        return startInfo;
    }

    /// <summary>The instances of this world (the default fleet unless a derived world says otherwise).</summary>
    protected virtual FleetDefinition Fleet => FleetDefinition.Default;

    /// <summary>More arguments for this world's `eic agent` (none unless a derived world says otherwise).</summary>
    protected virtual IReadOnlyList<string> AgentArguments => [];

    /// <summary>The instances' sshd LoginGraceTime; null: sshd's default (2 minutes).</summary>
    protected virtual TimeSpan? LoginGraceTime => null;

    public async Task DisposeAsync()
    {
        if (_agent is not null)
        {
            _agent.Kill(entireProcessTree: true);
            await _agent.WaitForExitAsync();
            _agent.Dispose();
        }

        await Sim.DisposeAsync();
        _directory.Dispose();
    }

    /// <summary>Who may do what in this world (the push policy unless a derived world says otherwise).</summary>
    protected virtual AccessPolicy Policy => AccessPolicy.Allow(PushStatements);

    /// <summary>OpenTunnel may ask for at most this maxTunnelDuration, as a policy may cap it; a tunnel that asks for none passes.</summary>
    public const int TunnelCapSeconds = 1800;

    /// <summary>EC2 and EC2 Instance Connect for everyone, pushes only for ec2-user and ubuntu (admin is the denied user), tunnels capped.</summary>
    protected static IReadOnlyList<PolicyStatement> PushStatements { get; } =
    [
        new PolicyStatement(["*"], ["ec2:*", "sts:*"], ["*"], ["*"]),
        new PolicyStatement(["*"], ["ec2-instance-connect:*"], ["*"], ["ec2-user", "ubuntu", "root", AbsentUser]),
        new PolicyStatement(["*"], ["ec2-instance-connect:OpenTunnel"], ["*"], ["*"]) { MaxTunnelSeconds = TunnelCapSeconds },
        new PolicyStatement(["*"], ["ec2-instance-connect:SendSerialConsoleSSHPublicKey"], ["*"], ["*"]),
    ];

    /// <summary>Writes to <paramref name="path"/> what `eic ssh-config` renders (with <paramref name="options"/>) for this world, then its known hosts and sshd port.</summary>
    public async Task WriteSshConfigAsync(string path, params string[] options)
    {
        var block = await ProcessRunner.RunAsync(EicPath, ["ssh-config", "--socket", SocketPath, "--eic", EicPath, .. options], Environment);
        Assert.True(block.ExitCode == 0, block.ToString());
        var knownHosts = _directory.Combine("known_hosts");
        await File.WriteAllLinesAsync(knownHosts, Sim.Instances.Select(i => $"{i.InstanceId},{i.Name}.eic {i.HostPublicKey}"));
        await File.WriteAllTextAsync(path, $"""
            {block.StandardOutput}
            Host *
                UserKnownHostsFile {knownHosts}
                StrictHostKeyChecking yes
                BatchMode yes
                LogLevel ERROR
                Port {Sim.SshPort}
            """);
    }

    private int CountLocked(string text) =>
        _agentLog.ToString().Split('\n').Count(line => line.Contains(text, StringComparison.Ordinal));

    private async Task<Process> StartAgentAsync()
    {
        var agent = Process.Start(StartInfo(EicPath, ["agent", "--socket", SocketPath, "--foreground", .. AgentArguments]))!;
        agent.ErrorDataReceived += (_, line) =>
        {
            lock (_agentLog)
            {
                _agentLog.AppendLine(line.Data);
                foreach (var waiter in _agentLogWaiters.Where(waiter => CountLocked(waiter.Text) >= waiter.Count).ToList())
                {
                    _agentLogWaiters.Remove(waiter);
                    waiter.Logged.TrySetResult();
                }
            }
        };
        agent.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var ready = await agent.StandardOutput.ReadLineAsync(timeout.Token);
        Assert.True(ready == $"listening {SocketPath}", $"the agent said '{ready}'\n{AgentLog}");
        return agent;
    }
}

[CollectionDefinition(Name)]
public sealed class EicWorldCollection : ICollectionFixture<EicWorld>
{
    public const string Name = "eic world";
}
