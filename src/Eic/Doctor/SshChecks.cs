using System.Diagnostics;
using System.Text.RegularExpressions;

namespace EicAgent.Cli.Doctor;

/// <summary>The client side: OpenSSH's version, and whether ssh's configuration sends instance ids through eic.</summary>
internal static partial class SshChecks
{
    /// <summary>KnownHostsCommand needs 8.5; session-bind, which lets the agent tie a key to one session, needs 8.9.</summary>
    private static readonly Version SessionBind = new(8, 9);

    private const string ProbeHost = "i-0123456789abcdef0";

    public static async Task<DoctorCheck> VersionAsync(CancellationToken cancellationToken)
    {
        const string Name = "ssh";
        var run = await RunSshAsync(["-V"], cancellationToken);
        if (run is null)
        {
            return DoctorCheck.Fail(Name, "no `ssh` on PATH", "install OpenSSH's client (apt-get install openssh-client / dnf install openssh-clients)");
        }

        var match = OpenSshVersion().Match(run.Value.Error + run.Value.Output);
        if (!match.Success)
        {
            return DoctorCheck.Fail(Name, $"`ssh -V` said '{(run.Value.Error + run.Value.Output).Trim()}', not OpenSSH", "put OpenSSH's ssh first on PATH");
        }

        var version = new Version(int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
        return version >= SessionBind
            ? DoctorCheck.Pass(Name, $"OpenSSH {version} (>= {SessionBind}: session-bind and KnownHostsCommand)")
            : DoctorCheck.Fail(Name, $"OpenSSH {version} is older than {SessionBind} (session-bind; KnownHostsCommand needs 8.5)",
                "upgrade OpenSSH's client to 8.9 or later");
    }

    /// <summary>`ssh -G i-0123456789abcdef0` resolves the configuration the way a real connection would.</summary>
    public static async Task<DoctorCheck> ConfigAsync(string? configFile, CancellationToken cancellationToken)
    {
        const string Name = "ssh config";
        string[] arguments = configFile is null ? ["-G", ProbeHost] : ["-F", configFile, "-G", ProbeHost];
        var run = await RunSshAsync(arguments, cancellationToken);
        var where = configFile ?? "~/.ssh/config";
        if (run is not { ExitCode: 0 } done)
        {
            return DoctorCheck.Fail(Name, $"`ssh -G {ProbeHost}` failed: {run?.Error.Trim()}", $"fix the syntax error in {where}");
        }

        var proxy = done.Output.Split('\n').FirstOrDefault(line => line.StartsWith("proxycommand ", StringComparison.Ordinal));
        return proxy is not null && proxy.Contains(" proxy ", StringComparison.Ordinal)
            ? DoctorCheck.Pass(Name, $"{where} sends {ProbeHost} through `{proxy["proxycommand ".Length..].Trim()}`")
            : DoctorCheck.Fail(Name, $"{where} does not send instance ids through eic (no eic ProxyCommand for {ProbeHost})",
                "run ./install, or `eic ssh-config > ~/.ssh/eic_config` and put `Include ~/.ssh/eic_config` at the top of ~/.ssh/config");
    }

    /// <summary>Runs ssh with no input, bounded by <paramref name="timeout"/> (10 s by default); null when there is no ssh.</summary>
    internal static async Task<(int ExitCode, string Output, string Error)?> RunSshAsync(
        string[] arguments, CancellationToken cancellationToken, TimeSpan? timeout = null)
    {
        var startInfo = new ProcessStartInfo("ssh", arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        Process process;
        try
        {
            process = Process.Start(startInfo)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }

        using (process)
        {
            process.StandardInput.Close();
            using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            bounded.CancelAfter(timeout ?? TimeSpan.FromSeconds(10));
            var output = process.StandardOutput.ReadToEndAsync(bounded.Token);
            var error = process.StandardError.ReadToEndAsync(bounded.Token);
            await process.WaitForExitAsync(bounded.Token);
            return (process.ExitCode, await output, await error);
        }
    }

    [GeneratedRegex(@"OpenSSH_(\d+)\.(\d+)")]
    private static partial Regex OpenSshVersion();
}
