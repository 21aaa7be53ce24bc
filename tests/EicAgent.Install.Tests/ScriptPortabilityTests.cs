using EicAgent.Testing;

namespace EicAgent.Install.Tests;

/// <summary>`./install` is POSIX sh: it must parse and run under dash (Debian's /bin/sh), not only bash.</summary>
public sealed class ScriptPortabilityTests
{
    [SkippableTheory]
    [InlineData("sh")]
    [InlineData("dash")]
    [InlineData("bash")]
    public async Task Parses_under(string shell)
    {
        Skip.If(OperatingSystem.IsWindows(), "POSIX shells only");
        Skip.If(!Programs.IsInstalled(shell), $"{shell} is not installed");

        var result = await ProcessRunner.RunAsync(shell, "-n", Checkout.InstallScript);

        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [SkippableFact]
    public async Task Installs_and_uninstalls_under_dash()
    {
        Skip.If(!Programs.IsInstalled("dash"), "dash is not installed");
        using var sandbox = InstallSandbox.Create();

        var installed = await sandbox.RunAsync("dash", ["-y", "--prefix", sandbox.Prefix, "--from", Checkout.BuiltEic]);
        Assert.True(installed.ExitCode == 0, installed.ToString());
        Assert.True(File.Exists(sandbox.EicConfig));
        var uninstalled = await sandbox.RunAsync("dash", ["-y", "--prefix", sandbox.Prefix, "--uninstall"]);

        Assert.True(uninstalled.ExitCode == 0, uninstalled.ToString());
        Assert.Equal("", uninstalled.StandardError);
        Assert.False(File.Exists(sandbox.SshConfig));
    }

    [SkippableFact]
    public async Task Help_prints_the_usage()
    {
        using var sandbox = InstallSandbox.Create();

        var result = await sandbox.RunAsync("sh", ["--help"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.StartsWith("Builds `eic` from this checkout", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("--uninstall", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("--from DIR", result.StandardOutput, StringComparison.Ordinal);
    }
}
