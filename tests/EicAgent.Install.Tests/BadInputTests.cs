namespace EicAgent.Install.Tests;

/// <summary>Wrong input ends with one clear line on stderr, a non-zero exit, and nothing written.</summary>
public sealed class BadInputTests
{
    [SkippableTheory]
    [InlineData(2, "--bogus", "install: unknown option --bogus")]
    [InlineData(2, "--prefix", "install: --prefix needs a directory")]
    [InlineData(2, "--from", "install: --from needs a directory")]
    [InlineData(1, "--from=/nonexistent/eic", "install: error: no eic executable in /nonexistent/eic")]
    public async Task Fails_with_one_line_and_writes_nothing(int exitCode, string argument, string message)
    {
        using var sandbox = InstallSandbox.Create();

        var result = await sandbox.RunAsync("sh", ["-y", "--prefix", sandbox.Prefix, argument]);

        Assert.Equal(exitCode, result.ExitCode);
        var line = Assert.Single(result.StandardError.TrimEnd('\n').Split('\n'));
        Assert.StartsWith(message, line, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(sandbox.Home));
        Assert.False(Directory.Exists(sandbox.Prefix));
    }

    [SkippableFact]
    public async Task A_relative_home_is_refused()
    {
        using var sandbox = InstallSandbox.Create();
        var environment = new Dictionary<string, string?>(sandbox.Environment) { ["HOME"] = "relative/home" };

        var result = await EicAgent.Testing.ProcessRunner.RunAsync("sh", [Checkout.InstallScript, "-y", "--from", Checkout.BuiltEic], environment);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("install: error: HOME must be an absolute path (it is 'relative/home')\n", result.StandardError);
    }

    [SkippableFact]
    public async Task An_eic_that_does_not_run_is_reported_before_ssh_config_is_touched()
    {
        using var sandbox = InstallSandbox.Create();
        var broken = Path.Combine(sandbox.Home, "..", "broken-build");
        Directory.CreateDirectory(broken);
        File.WriteAllText(Path.Combine(broken, "eic"), "#!/bin/sh\necho 'eic: cannot start' >&2\nexit 3\n");
        File.SetUnixFileMode(Path.Combine(broken, "eic"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var result = await sandbox.RunAsync("sh", ["-y", "--prefix", sandbox.Prefix, "--from", broken]);

        Assert.Equal(1, result.ExitCode);
        Assert.EndsWith("install: error: the installed eic did not run (" + sandbox.InstalledEic + " ssh-config): eic: cannot start\n", result.StandardError, StringComparison.Ordinal);
        Assert.False(Directory.Exists(sandbox.SshDirectory));
    }
}
