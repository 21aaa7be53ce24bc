using EicAgent.Testing;

namespace EicAgent.Install.Tests;

/// <summary>
/// A user of our own for one test: a temporary HOME and prefix, and a bin directory put first on PATH where
/// fake `systemctl` (and friends) stand in, so that no test ever reaches the real user's systemd or files.
/// </summary>
internal sealed class InstallSandbox : IDisposable
{
    private readonly TemporaryDirectory _root = new("eic-install-");

    private InstallSandbox()
    {
        Directory.CreateDirectory(Home);
        Directory.CreateDirectory(FakeBin);
        Directory.CreateDirectory(Temporary);
        // By default no user systemd answers, like in a container or over ssh without a session.
        Fake("systemctl", "exit 1");
    }

    public string Home => _root.Combine("home");

    public string Prefix => _root.Combine("prefix");

    public string FakeBin => _root.Combine("fake-bin");

    /// <summary>TMPDIR for the script: its scratch files and a kept build log stay in the sandbox.</summary>
    public string Temporary => _root.Combine("tmp");

    public string SshDirectory => Path.Combine(Home, ".ssh");

    public string SshConfig => Path.Combine(SshDirectory, "config");

    public string EicConfig => Path.Combine(SshDirectory, "eic_config");

    public string Backup => Path.Combine(SshDirectory, "config.eic-backup");

    public string Unit => Path.Combine(Home, ".config", "systemd", "user", "eic-agent.service");

    public string InstalledEic => Path.Combine(Prefix, "bin", "eic");

    public string InstalledLibrary => Path.Combine(Prefix, "lib", "eic");

    /// <summary>Where `eic` puts the agent socket for this HOME when XDG_RUNTIME_DIR is not set.</summary>
    public string Socket => Path.Combine(Home, ".eic", "agent.sock");

    /// <summary>The same file name, in a file of its own, for the calls a fake records.</summary>
    public string CallLog(string program) => _root.Combine($"{program}.calls");

    public static InstallSandbox Create()
    {
        Skip.If(OperatingSystem.IsWindows(), "./install is the POSIX installer; install.ps1 is for Windows");
        return new InstallSandbox();
    }

    /// <summary>Puts a program named NAME first on PATH whose body is the given sh script.</summary>
    public void Fake(string name, string body)
    {
        var path = Path.Combine(FakeBin, name);
        File.WriteAllText(path, $"#!/bin/sh\n{body}\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    /// <summary>A fake that appends its arguments to <see cref="CallLog"/> and exits with STATUS.</summary>
    public void FakeRecording(string name, int status = 0) =>
        Fake(name, $"printf '%s\\n' \"$*\" >> '{CallLog(name)}'\nexit {status}");

    public string[] Calls(string program) =>
        File.Exists(CallLog(program)) ? File.ReadAllLines(CallLog(program)) : [];

    public Task<ProcessResult> InstallAsync(params string[] arguments) =>
        RunAsync("sh", ["-y", "--prefix", Prefix, "--from", Checkout.BuiltEic, .. arguments]);

    /// <summary>An install that a test needs as its starting point: it must succeed.</summary>
    public async Task InstalledAsync()
    {
        var result = await InstallAsync();
        Assert.True(result.ExitCode == 0, result.ToString());
    }

    public Task<ProcessResult> UninstallAsync() => RunAsync("sh", ["-y", "--prefix", Prefix, "--uninstall"]);

    /// <summary>Runs ./install with SHELL (sh, dash, ...) as this sandbox's user.</summary>
    public Task<ProcessResult> RunAsync(string shell, IEnumerable<string> arguments) =>
        ProcessRunner.RunAsync(shell, [Checkout.InstallScript, .. arguments], Environment);

    /// <summary>Runs a program (the installed eic, ssh, ...) with this sandbox's environment.</summary>
    public Task<ProcessResult> RunProgramAsync(string program, params string[] arguments) =>
        ProcessRunner.RunAsync(program, arguments, Environment);

    public IReadOnlyDictionary<string, string?> Environment => new Dictionary<string, string?>
    {
        ["HOME"] = Home,
        ["TMPDIR"] = Temporary,
        ["PATH"] = $"{FakeBin}:{System.Environment.GetEnvironmentVariable("PATH")}",
        ["XDG_RUNTIME_DIR"] = null,
        ["XDG_CONFIG_HOME"] = null,
        ["EIC_AGENT_SOCK"] = null,
        ["DBUS_SESSION_BUS_ADDRESS"] = null,
    };

    public void Dispose() => _root.Dispose();
}
