namespace EicAgent.Install.Tests;

/// <summary>Running `./install` again, as users do after pulling a new version, must not pile anything up.</summary>
public sealed class RepeatedInstallTests
{
    [SkippableFact]
    public async Task A_second_install_leaves_every_file_as_it_was()
    {
        using var sandbox = InstallSandbox.Create();
        Directory.CreateDirectory(sandbox.SshDirectory);
        File.WriteAllText(sandbox.SshConfig, "Host build\n    HostName 10.0.0.5\n");
        await sandbox.InstalledAsync();
        var before = TreeSnapshot.Take(sandbox.Home, sandbox.Prefix);

        var second = await sandbox.InstallAsync();

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal(before, TreeSnapshot.Take(sandbox.Home, sandbox.Prefix));
        Assert.Contains(sandbox.EicConfig, before.Keys);
        Assert.Contains(sandbox.Backup, before.Keys);
        Assert.Contains("already includes eic_config: unchanged", second.StandardOutput, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task An_include_line_the_user_moved_below_a_host_is_reported_and_not_added_again()
    {
        using var sandbox = InstallSandbox.Create();
        Directory.CreateDirectory(sandbox.SshDirectory);
        var config = $"Host build\n    HostName 10.0.0.5\nInclude {sandbox.EicConfig}\n";
        File.WriteAllText(sandbox.SshConfig, config);

        var result = await sandbox.InstallAsync();

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(config, File.ReadAllText(sandbox.SshConfig));
        Assert.Contains("below a Host or Match line", result.StandardOutput, StringComparison.Ordinal);
    }
}
