using EicAgent.Testing;

namespace EicAgent.Install.Tests;

/// <summary>
/// The way a real user meets the install: HOME is their passwd home, and ssh runs without -F, so it finds
/// ~/.ssh/config, and the ~ of `Include ~/.ssh/eic_config`, through the passwd entry.
/// </summary>
public sealed class RealUserTests
{
    [SkippableFact]
    public async Task Plain_ssh_of_a_real_user_picks_up_the_block_through_the_tilde_include()
    {
        Skip.If(Environment.UserName != "root", "creating a user to run the installer as needs root");
        Skip.IfNot(new[] { "useradd", "userdel", "runuser", "ssh" }.All(Programs.IsInstalled), "needs useradd, userdel, runuser and ssh");
        await using var user = await SystemUser.CreateAsync();
        var built = await user.GiveAsync(Checkout.BuiltEic, "built-eic");
        var script = await user.GiveAsync(Checkout.InstallScript, "install");
        // The throwaway user has no systemd session anyway; a failing fake makes sure nothing asks one.
        using var scratch = new TemporaryDirectory();
        var fakes = await user.GiveAsync(FailingSystemctlDirectory(scratch), "fake-bin");
        var path = $"{fakes}:/usr/bin:/bin";

        var installed = await user.RunAsync(path, "sh", script, "-y", "--from", built);
        var resolved = await user.RunAsync(path, "ssh", "-G", "i-0123456789abcdef0");
        var other = await user.RunAsync(path, "ssh", "-G", "build.example.com");

        Assert.True(installed.ExitCode == 0, installed.ToString());
        Assert.Equal("Include ~/.ssh/eic_config\n", File.ReadAllText(Path.Combine(user.Home, ".ssh", "config")));
        var eic = Path.Combine(user.Home, ".local", "bin", "eic");
        var socket = Path.Combine(user.Home, ".eic", "agent.sock");
        var keyFile = Path.Combine(user.Home, ".eic", "key-");
        Assert.Contains($"proxycommand '{eic}' proxy --socket '{socket}' %h %p %r --key-file '{keyFile}'%r@%h:%p --known-hosts-name %k\n", resolved.StandardOutput, StringComparison.Ordinal);
        Assert.Contains($"identityagent {socket}\n", resolved.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("proxycommand", other.StandardOutput, StringComparison.Ordinal);
    }

    private static string FailingSystemctlDirectory(TemporaryDirectory scratch)
    {
        var directory = Directory.CreateDirectory(scratch.Combine("fake-bin")).FullName;
        var systemctl = Path.Combine(directory, "systemctl");
        File.WriteAllText(systemctl, "#!/bin/sh\nexit 1\n");
        File.SetUnixFileMode(systemctl, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return directory;
    }
}
