namespace EicAgent.Simulator.Sshd;

/// <summary>
/// Makes one instance's sshd its own machine for what a client sees (root only): sshd runs in new mount and UTS
/// namespaces (`unshare --mount --uts`) where the host name is the instance's private DNS host name and /home and
/// /tmp are bind mounts of the instance's own directories. Sessions inherit them, so `hostname`, files written with
/// scp/rsync/sftp/git and /tmp stay on that instance. Everything else (/usr, /etc, users) is the host's.
/// </summary>
internal sealed class OwnMachine
{
    private const string Unshare = "/usr/bin/unshare";

    // $1 host name, $2 home, $3 tmp ("" keeps the host's /tmp), $4 sshd_config. The mounts die with the namespace.
    private const string Script =
        "hostname \"$1\" && mount --bind \"$2\" /home && { [ -z \"$3\" ] || mount --bind \"$3\" /tmp; } && exec "
        + SshdProcess.Executable + " -D -e -f \"$4\"";

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static bool? _available;

    private readonly string _hostName;
    private readonly string _home;
    private readonly string _tmp;

    private OwnMachine(string hostName, string home, string tmp)
    {
        _hostName = hostName;
        _home = home;
        _tmp = tmp;
    }

    /// <summary>The directory holding this instance's home directories (seen as /home on the instance).</summary>
    public string HomeDirectory => _home;

    /// <summary>
    /// Prepares /home (a home per OS user, from /etc/skel, owned by the user) and /tmp (1777) under
    /// <paramref name="instanceDirectory"/>; null when this process cannot make namespaces (not root, or no CAP_SYS_ADMIN).
    /// </summary>
    public static async Task<OwnMachine?> PrepareAsync(
        string instanceDirectory, string hostName, IReadOnlyList<string> osUsers, string stateDirectory, CancellationToken cancellationToken)
    {
        if (!Permissions.IsRoot || !await AvailableAsync(cancellationToken))
        {
            return null;
        }

        var home = StateDirectories.CreateShared(instanceDirectory, "home");
        foreach (var user in osUsers)
        {
            var userHome = Path.Combine(home, user);
            await ExternalCommand.RunCheckedAsync("cp", ["-rT", "/etc/skel", userHome], cancellationToken);
            await ExternalCommand.RunCheckedAsync("chown", ["-R", user + ":", userHome], cancellationToken);
            File.SetUnixFileMode(userHome, Permissions.Private);
        }

        // The state directory must stay visible to sshd (its config, the AuthorizedKeysCommand): a /tmp one keeps the host's /tmp.
        var tmp = "";
        if (!Path.GetFullPath(stateDirectory).StartsWith("/tmp/", StringComparison.Ordinal))
        {
            tmp = Directory.CreateDirectory(Path.Combine(instanceDirectory, "tmp")).FullName;
            File.SetUnixFileMode(tmp, (UnixFileMode)Convert.ToInt32("1777", 8));
        }

        return new OwnMachine(hostName, home, tmp);
    }

    /// <summary>The command that starts sshd inside the instance's namespaces.</summary>
    public (string FileName, IReadOnlyList<string> Arguments) Command(string configPath) =>
        (Unshare, ["--mount", "--uts", "--propagation", "private", "--", "/bin/sh", "-c", Script, "eic-sim-instance", _hostName, _home, _tmp, configPath]);

    private static async Task<bool> AvailableAsync(CancellationToken cancellationToken)
    {
        await Gate.WaitAsync(cancellationToken);
        try
        {
            _available ??= File.Exists(Unshare)
                && (await ExternalCommand.RunAsync(Unshare, ["--mount", "--uts", "--", "/bin/true"], cancellationToken)).ExitCode == 0;
            return _available.Value;
        }
        finally
        {
            Gate.Release();
        }
    }
}
