using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace EicAgent.Testing;

/// <summary>
/// A real OpenSSH sshd on 127.0.0.1 and a free port, with its own host key and authorized_keys file in a
/// temporary directory, for logins by the current user. Started by tests; stopped on dispose.
/// </summary>
public sealed class SshServer : IAsyncDisposable
{
    public const string SshdPath = "/usr/sbin/sshd";
    private static readonly TimeSpan StartBound = TimeSpan.FromSeconds(15);

    private readonly Process _process;
    private readonly StringBuilder _log;

    private SshServer(TemporaryDirectory directory, int port, Process process, StringBuilder log)
    {
        Directory = directory;
        Port = port;
        _process = process;
        _log = log;
    }

    public TemporaryDirectory Directory { get; }

    public int Port { get; }

    public string User { get; } = Environment.UserName;

    public string AuthorizedKeysPath => Directory.Combine("authorized_keys");

    public string HostPublicKeyPath => Directory.Combine("host_key.pub");

    /// <summary>What sshd logged so far (LogLevel VERBOSE), for failure messages.</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public static bool IsInstalled => File.Exists(SshdPath);

    /// <summary>Starts sshd with a host key of <paramref name="hostKeyType"/> and waits until it listens.</summary>
    public static async Task<SshServer> StartAsync(string hostKeyType = "ed25519")
    {
        var directory = new TemporaryDirectory("eic-sshd-");
        var hostKey = directory.Combine("host_key");
        var keygen = await ProcessRunner.RunAsync("ssh-keygen", "-q", "-t", hostKeyType, "-N", "", "-f", hostKey);
        if (keygen.ExitCode != 0)
        {
            throw new InvalidOperationException($"ssh-keygen for the host key failed: {keygen}");
        }

        await File.WriteAllTextAsync(directory.Combine("authorized_keys"), "");
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort.Next();
            var (process, log, listening) = Launch(directory, hostKey, port);
            if (await ListensWithinBoundAsync(listening))
            {
                return new SshServer(directory, port, process, log);
            }

            process.Kill();
            await process.WaitForExitAsync();
            if (attempt == 3)
            {
                directory.Dispose();
                throw new InvalidOperationException($"sshd did not start listening:\n{log}");
            }
        }
    }

    /// <summary>Lets the key of <paramref name="publicKeyLine"/> log in, as a pushed key would.</summary>
    public Task AuthorizeAsync(string publicKeyLine) => File.AppendAllTextAsync(AuthorizedKeysPath, publicKeyLine.Trim() + "\n");

    /// <summary>
    /// An ssh_config for `ssh -F` whose host `eic-test` is this server, trusted by its host key, using only the
    /// agent at <paramref name="identityAgent"/> for keys.
    /// </summary>
    public string WriteClientConfig(string identityAgent)
    {
        var knownHosts = Directory.Combine("known_hosts");
        File.WriteAllText(knownHosts, $"[127.0.0.1]:{Port} {File.ReadAllText(HostPublicKeyPath).Trim()}\n");
        var config = Directory.Combine($"ssh_config-{Guid.NewGuid():N}");
        File.WriteAllText(config, $"""
            Host eic-test
              HostName 127.0.0.1
              Port {Port}
              User {User}
              IdentityAgent {identityAgent}
              IdentitiesOnly no
              IdentityFile {Directory.Combine("no-such-identity")}
              UserKnownHostsFile {knownHosts}
              GlobalKnownHostsFile /dev/null
              StrictHostKeyChecking yes
              BatchMode yes
              PreferredAuthentications publickey
              ControlMaster no
              ControlPath none
              ConnectTimeout 10
            """);
        return config;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // Session processes forked by sshd go too: a leftover one would hold the test's pipes open.
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Dispose();
    }

    private static (Process Process, StringBuilder Log, Task<bool> Listening) Launch(TemporaryDirectory directory, string hostKey, int port)
    {
        var config = directory.Combine("sshd_config");
        File.WriteAllText(config, $"""
            Port {port}
            ListenAddress 127.0.0.1
            HostKey {hostKey}
            PidFile none
            UsePAM no
            StrictModes no
            AuthorizedKeysFile {directory.Combine("authorized_keys")}
            PubkeyAuthentication yes
            PasswordAuthentication no
            KbdInteractiveAuthentication no
            PermitRootLogin prohibit-password
            AllowUsers {Environment.UserName}
            LogLevel VERBOSE
            """);
        var startInfo = new ProcessStartInfo(SshdPath) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { "-D", "-e", "-f", config })
        {
            startInfo.ArgumentList.Add(argument);
        }

        var log = new StringBuilder();
        var listening = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        process.ErrorDataReceived += (_, line) =>
        {
            lock (log)
            {
                log.AppendLine(line.Data);
            }

            if (line.Data?.Contains($"Server listening on 127.0.0.1 port {port}", StringComparison.Ordinal) == true)
            {
                listening.TrySetResult(true);
            }
        };
        process.Exited += (_, _) => listening.TrySetResult(false);
        process.Start();
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        return (process, log, listening.Task);
    }

    private static async Task<bool> ListensWithinBoundAsync(Task<bool> listening)
    {
        try
        {
            return await listening.WaitAsync(StartBound);
        }
        catch (TimeoutException)
        {
            return false;
        }
    }
}
