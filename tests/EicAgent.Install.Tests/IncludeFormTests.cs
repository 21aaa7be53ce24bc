namespace EicAgent.Install.Tests;

/// <summary>
/// ssh expands ~ from the passwd entry. When that is $HOME (the normal case) the Include says
/// `~/.ssh/eic_config`, which survives a dotfiles repository shared between machines; otherwise it names the file.
/// </summary>
public sealed class IncludeFormTests
{
    [SkippableFact]
    public async Task Uses_the_tilde_form_when_the_passwd_home_is_HOME()
    {
        using var sandbox = PasswdHomeIsHome();

        var result = await sandbox.InstallAsync();

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("Include ~/.ssh/eic_config\n", File.ReadAllText(sandbox.SshConfig));
    }

    [SkippableFact]
    public async Task Uninstall_removes_the_tilde_form_too()
    {
        using var sandbox = PasswdHomeIsHome();
        Directory.CreateDirectory(sandbox.SshDirectory);
        File.WriteAllText(sandbox.SshConfig, "Host build\n");
        await sandbox.InstalledAsync();

        var result = await sandbox.UninstallAsync();

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("Host build\n", File.ReadAllText(sandbox.SshConfig));
    }

    /// <summary>A getent whose passwd entry for us has the sandbox's HOME as its home directory.</summary>
    private static InstallSandbox PasswdHomeIsHome()
    {
        var sandbox = InstallSandbox.Create();
        sandbox.Fake("getent", $"""[ "$1" = passwd ] && echo "tester:x:$(id -u):$(id -g)::{sandbox.Home}:/bin/sh" """);
        return sandbox;
    }
}
