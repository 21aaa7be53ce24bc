using System.Text;

namespace EicAgent.Install.Tests;

/// <summary>`./install` for a user who already has a ~/.ssh/config of their own.</summary>
public sealed class ExistingConfigTests
{
    // CRLF, a tab, non-ASCII and no newline at the end: all of it must come through untouched.
    private static readonly byte[] UserConfig = Encoding.UTF8.GetBytes(
        "# mine\nHost *\n\tUser alice\r\n    ServerAliveInterval 30\nHost café\n    HostName 192.0.2.7");

    private const UnixFileMode WorldReadable =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    [SkippableFact]
    public async Task Puts_the_include_line_first_and_keeps_the_rest_byte_for_byte_with_its_mode()
    {
        using var sandbox = InstallSandbox.Create();
        WriteUserConfig(sandbox);

        var result = await sandbox.InstallAsync();

        Assert.True(result.ExitCode == 0, result.ToString());
        var expected = Encoding.UTF8.GetBytes($"Include {sandbox.EicConfig}\n").Concat(UserConfig).ToArray();
        Assert.Equal(expected, File.ReadAllBytes(sandbox.SshConfig));
        Assert.Equal(WorldReadable, File.GetUnixFileMode(sandbox.SshConfig));
    }

    [SkippableFact]
    public async Task Backs_up_the_config_once_and_never_overwrites_the_backup()
    {
        using var sandbox = InstallSandbox.Create();
        WriteUserConfig(sandbox);

        await sandbox.InstalledAsync();
        Assert.Equal(UserConfig, File.ReadAllBytes(sandbox.Backup));
        File.WriteAllText(sandbox.SshConfig, "Host other\n");
        var second = await sandbox.InstallAsync();

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal(UserConfig, File.ReadAllBytes(sandbox.Backup));
        Assert.Equal($"Include {sandbox.EicConfig}\nHost other\n", File.ReadAllText(sandbox.SshConfig));
    }

    [SkippableFact]
    public async Task Writes_through_a_symlinked_config_and_leaves_the_link_in_place()
    {
        using var sandbox = InstallSandbox.Create();
        Directory.CreateDirectory(sandbox.SshDirectory);
        var dotfile = Path.Combine(sandbox.Home, "dotfiles-ssh-config");
        File.WriteAllBytes(dotfile, UserConfig);
        File.CreateSymbolicLink(sandbox.SshConfig, dotfile);

        await sandbox.InstalledAsync();
        Assert.Equal(dotfile, new FileInfo(sandbox.SshConfig).LinkTarget);
        Assert.StartsWith($"Include {sandbox.EicConfig}\n", File.ReadAllText(dotfile), StringComparison.Ordinal);
        var uninstalled = await sandbox.UninstallAsync();

        Assert.True(uninstalled.ExitCode == 0, uninstalled.ToString());
        Assert.Equal(dotfile, new FileInfo(sandbox.SshConfig).LinkTarget);
        Assert.Equal(UserConfig, File.ReadAllBytes(dotfile));
    }

    private static void WriteUserConfig(InstallSandbox sandbox)
    {
        Directory.CreateDirectory(sandbox.SshDirectory);
        File.WriteAllBytes(sandbox.SshConfig, UserConfig);
        File.SetUnixFileMode(sandbox.SshConfig, WorldReadable);
    }
}
