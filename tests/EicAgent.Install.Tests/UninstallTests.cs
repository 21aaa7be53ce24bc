using System.Text;

namespace EicAgent.Install.Tests;

/// <summary>`./install --uninstall` gives the user's files back as they were.</summary>
public sealed class UninstallTests
{
    private static readonly byte[] UserConfig = Encoding.UTF8.GetBytes("Host *\n    User alice\r\nHost build\n    HostName 10.0.0.5");

    [SkippableFact]
    public async Task Restores_an_existing_config_byte_for_byte_with_its_mode_and_drops_the_backup()
    {
        using var sandbox = InstallSandbox.Create();
        Directory.CreateDirectory(sandbox.SshDirectory);
        File.WriteAllBytes(sandbox.SshConfig, UserConfig);
        const UnixFileMode mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead;
        File.SetUnixFileMode(sandbox.SshConfig, mode);
        await sandbox.InstalledAsync();

        var result = await sandbox.UninstallAsync();

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(UserConfig, File.ReadAllBytes(sandbox.SshConfig));
        Assert.Equal(mode, File.GetUnixFileMode(sandbox.SshConfig));
        Assert.False(File.Exists(sandbox.Backup), "the backup equals the restored file: nothing to keep");
    }

    [SkippableFact]
    public async Task Removes_the_config_it_created()
    {
        using var sandbox = InstallSandbox.Create();
        await sandbox.InstalledAsync();

        var result = await sandbox.UninstallAsync();

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.False(File.Exists(sandbox.SshConfig));
    }

    [SkippableFact]
    public async Task Keeps_what_the_user_added_after_install_and_the_backup()
    {
        using var sandbox = InstallSandbox.Create();
        Directory.CreateDirectory(sandbox.SshDirectory);
        File.WriteAllBytes(sandbox.SshConfig, UserConfig);
        await sandbox.InstalledAsync();
        File.AppendAllText(sandbox.SshConfig, "\nHost added-later\n");

        var result = await sandbox.UninstallAsync();

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(UserConfig.Concat(Encoding.UTF8.GetBytes("\nHost added-later\n")).ToArray(), File.ReadAllBytes(sandbox.SshConfig));
        Assert.Equal(UserConfig, File.ReadAllBytes(sandbox.Backup));
    }

    [SkippableFact]
    public async Task Removes_eic_config_the_unit_and_the_binary()
    {
        using var sandbox = InstallSandbox.Create();
        await sandbox.InstalledAsync();

        var result = await sandbox.UninstallAsync();

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.False(File.Exists(sandbox.EicConfig));
        Assert.False(File.Exists(sandbox.Unit));
        Assert.False(Directory.Exists(sandbox.InstalledLibrary));
        Assert.False(File.Exists(sandbox.InstalledEic) || new FileInfo(sandbox.InstalledEic).LinkTarget is not null);
    }

    [SkippableFact]
    public async Task Running_it_twice_is_harmless()
    {
        using var sandbox = InstallSandbox.Create();
        Directory.CreateDirectory(sandbox.SshDirectory);
        File.WriteAllBytes(sandbox.SshConfig, UserConfig);
        await sandbox.InstalledAsync();
        var first = await sandbox.UninstallAsync();
        Assert.True(first.ExitCode == 0, first.ToString());
        var before = TreeSnapshot.Take(sandbox.Home);

        var second = await sandbox.UninstallAsync();

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal(before, TreeSnapshot.Take(sandbox.Home));
        Assert.Equal(UserConfig, File.ReadAllBytes(sandbox.SshConfig));
    }

    [SkippableFact]
    public async Task Leaves_an_eic_it_did_not_put_in_prefix_bin()
    {
        using var sandbox = InstallSandbox.Create();
        var bin = Path.Combine(sandbox.Prefix, "bin");
        Directory.CreateDirectory(bin);
        File.WriteAllText(sandbox.InstalledEic, "#!/bin/sh\necho someone else's eic\n");

        var result = await sandbox.UninstallAsync();

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(File.Exists(sandbox.InstalledEic));
        Assert.Contains("it is not the one install put there", result.StandardOutput, StringComparison.Ordinal);
    }
}
