using System.Diagnostics;

namespace EicAgent.Cli.Doctor;

/// <summary>The client side: OpenSSH's version, and whether ssh's configuration sends instance ids through eic.</summary>
internal static class SshChecks
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

        if (OpenSshVersion(run.Value.Error + run.Value.Output) is not { } version)
        {
            return DoctorCheck.Fail(Name, $"`ssh -V` said '{(run.Value.Error + run.Value.Output).Trim()}', not OpenSSH", "put OpenSSH's ssh first on PATH");
        }

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

    /// <summary>MAJOR.MINOR after "OpenSSH_" in `ssh -V`'s line (e.g. "OpenSSH_9.2p1 Debian-2"); null when there is none.</summary>
    internal static Version? OpenSshVersion(string said)
    {
        const string Prefix = "OpenSSH_";
        var start = said.IndexOf(Prefix, StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        var rest = said.AsSpan(start + Prefix.Length);
        var dot = rest.IndexOf('.');
        var minorEnd = dot < 0 ? -1 : rest[(dot + 1)..].IndexOfAnyExceptInRange('0', '9');
        var minor = dot < 0 ? default : minorEnd < 0 ? rest[(dot + 1)..] : rest.Slice(dot + 1, minorEnd);
        return dot > 0 && int.TryParse(rest[..dot], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var major)
            && int.TryParse(minor, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var minorNumber)
            ? new Version(major, minorNumber)
            : null;
    }
}
