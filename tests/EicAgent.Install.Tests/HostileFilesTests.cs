namespace EicAgent.Install.Tests;

/// <summary>Files ./install finds that it did not write: a dangling link, an Include of another file.</summary>
public sealed class HostileFilesTests
{
    [SkippableFact]
    public async Task A_dangling_config_link_is_written_through_and_uninstall_leaves_only_the_link()
    {
        using var sandbox = InstallSandbox.Create();
        Directory.CreateDirectory(sandbox.SshDirectory);
        var dotfiles = Directory.CreateDirectory(Path.Combine(sandbox.Home, "dotfiles")).FullName;
        var target = Path.Combine(dotfiles, "ssh_config");
        File.CreateSymbolicLink(sandbox.SshConfig, "../dotfiles/ssh_config");
        await sandbox.InstalledAsync();
        var whileInstalled = File.ReadAllText(target);

        var result = await sandbox.UninstallAsync();

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.StartsWith("Include ", whileInstalled, StringComparison.Ordinal);
        Assert.False(File.Exists(target), "uninstall left the file it created through the link");
        Assert.Equal("../dotfiles/ssh_config", new FileInfo(sandbox.SshConfig).LinkTarget);
        Assert.Empty(Directory.GetFileSystemEntries(dotfiles));
    }

    [SkippableTheory]
    [InlineData("Include ~/.ssh/old_eic_config\n")]
    [InlineData("Include ~/.ssh/eic_config.d/*\n")]
    [InlineData("# Include ~/.ssh/eic_config\n")]
    public async Task An_include_that_merely_mentions_eic_config_does_not_count_as_installed(string userConfig)
    {
        using var sandbox = InstallSandbox.Create();
        Directory.CreateDirectory(sandbox.SshDirectory);
        File.WriteAllText(sandbox.SshConfig, userConfig);

        var result = await sandbox.InstallAsync();

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = File.ReadAllLines(sandbox.SshConfig);
        Assert.Matches("^Include (~/.ssh/eic_config|.*/\\.ssh/eic_config)$", lines[0]);
        Assert.Equal(userConfig, string.Join('\n', lines.Skip(1)) + "\n");
    }

    [SkippableFact]
    public async Task The_exact_include_anywhere_above_the_first_host_still_counts()
    {
        using var sandbox = InstallSandbox.Create();
        Directory.CreateDirectory(sandbox.SshDirectory);
        File.WriteAllText(sandbox.SshConfig, $"# mine\nInclude = {sandbox.EicConfig}\nHost x\n");

        var result = await sandbox.InstallAsync();

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("already includes eic_config", result.StandardOutput, StringComparison.Ordinal);
        Assert.Equal($"# mine\nInclude = {sandbox.EicConfig}\nHost x\n", File.ReadAllText(sandbox.SshConfig));
    }
}
