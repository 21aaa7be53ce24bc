using EicAgent.Cli.Status;

namespace EicAgent.Cli.Doctor;

/// <summary>
/// The checks that follow ssh's own configuration for the target and then take the path for real: what
/// `ssh -G` resolves, whether the agent it names answers and runs the installed eic, and a real login.
/// A link that breaks `ssh TARGET` therefore breaks doctor too. ssh and the agent are reached through
/// <see cref="IConnectionProbe"/>, so that each check is tested with fakes.
/// </summary>
internal static class ConnectionChecks
{
    private static readonly TimeSpan ResolveTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan LoginTimeout = TimeSpan.FromSeconds(60);

    /// <summary>`ssh -G USER@TARGET`; null (with a failed check reported) when ssh cannot resolve it.</summary>
    public static async Task<SshResolvedTarget?> ResolveAsync(
        IConnectionProbe probe, string? configFile, string target, IDoctorReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentNullException.ThrowIfNull(report);
        const string Name = "ssh target";
        var run = await probe.RunSshAsync([.. ConfigArguments(configFile), "-G", target], ResolveTimeout, cancellationToken);
        if (run is not { ExitCode: 0 } done)
        {
            report.Add(DoctorCheck.Fail(Name, $"`ssh -G {target}` failed: {run?.Error.Trim()}", $"fix {configFile ?? "~/.ssh/config"}"));
            return null;
        }

        var resolved = SshResolvedTarget.Parse(done.Output);
        var detail = $"ssh logs in as {resolved.User}, port {resolved.Port}";
        report.Add(resolved.GoesThroughEic
            ? DoctorCheck.Pass(Name, $"{detail}, through `{resolved.ProxyCommand}`")
            : DoctorCheck.Fail(Name, $"{detail}, but not through eic (ProxyCommand: {resolved.ProxyCommand ?? "none"})",
                $"a Host or Match block in {configFile ?? "~/.ssh/config"} above the Include of eic_config catches {target}: move the Include to the top"));
        return resolved;
    }

    /// <summary>The agent that ssh's IdentityAgent names (not the default one doctor checked first), and the eic it runs.</summary>
    public static async Task<DoctorCheck> IdentityAgentAsync(IConnectionProbe probe, SshResolvedTarget resolved, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentNullException.ThrowIfNull(resolved);
        const string Name = "ssh's agent";
        if (resolved.IdentityAgent is not { } path)
        {
            return DoctorCheck.Fail(Name, "ssh names no IdentityAgent for this host: it would not ask eic's agent for the key",
                "run ./install again, or put `Include ~/.ssh/eic_config` at the top of ~/.ssh/config");
        }

        try
        {
            var status = await probe.AskAgentAsync(path, cancellationToken);
            return status.BinaryState switch
            {
                AgentBinary.State.AsStarted => DoctorCheck.Pass(Name, $"pid {status.ProcessId} answers on {path}"),
                var state => DoctorCheck.Fail(Name, $"pid {status.ProcessId} on {path} runs an eic that was {(state == AgentBinary.State.Removed ? "removed" : "replaced")} since it started",
                    $"restart it: `kill {status.ProcessId}` (the next ssh starts the installed eic), or `systemctl --user restart eic-agent`"),
            };
        }
        catch (AgentUnreachableException exception)
        {
            return DoctorCheck.Pass(Name, $"none answers on {path} yet ({exception.Message}): ssh's ProxyCommand starts one on demand");
        }
    }

    /// <summary>`ssh -o BatchMode=yes TARGET true`: the whole path, as the user's ssh takes it.</summary>
    public static async Task<DoctorCheck> LoginAsync(
        IConnectionProbe probe, string? configFile, string target, SshResolvedTarget resolved, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentNullException.ThrowIfNull(resolved);
        const string Name = "login";
        var run = await probe.RunSshAsync(
            [.. ConfigArguments(configFile), "-o", "BatchMode=yes", "-o", "ConnectTimeout=30", target, "true"], LoginTimeout, cancellationToken);
        if (run is { ExitCode: 0 })
        {
            return DoctorCheck.Pass(Name, $"`ssh {target} true` logged in as {resolved.User} on port {resolved.Port}");
        }

        var said = run is null ? "no answer" : string.Join(" / ", run.Value.Error
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => !IsEchoOfProxyExit(line)));
        return DoctorCheck.Fail(Name, $"`ssh {target} true` failed: {said}", LoginFixes.For(said, resolved));
    }

    /// <summary>What ssh adds whenever its ProxyCommand ends before the server's banner: eic's own line said why.</summary>
    private static bool IsEchoOfProxyExit(string line) =>
        line.StartsWith("kex_exchange_identification: Connection closed by remote host", StringComparison.Ordinal)
        || line.StartsWith("Connection closed by UNKNOWN port", StringComparison.Ordinal);

    private static string[] ConfigArguments(string? configFile) => configFile is null ? [] : ["-F", configFile];
}
