using EicAgent.Testing;

namespace EicAgent.Install.Tests;

/// <summary>What the real `ssh` makes of the installed config: `ssh -G` prints the options it would use for a host.</summary>
public sealed class SshResolutionTests
{
    [SkippableFact]
    public async Task Instance_ids_go_through_the_installed_eic_and_its_agent()
    {
        using var sandbox = await InstalledOverAsync("Host *\n    User alice\n    IdentityAgent none\n");

        var options = await ResolveAsync(sandbox, "i-0123456789abcdef0");

        var keyFile = Path.Combine(Path.GetDirectoryName(sandbox.Socket)!, "key-");
        Assert.Equal($"'{sandbox.InstalledEic}' proxy --socket '{sandbox.Socket}' %h %p %r --key-file '{keyFile}'%r@%h:%p --known-hosts-name %k", options["proxycommand"]);
        Assert.Equal(sandbox.Socket, options["identityagent"]);
        // Our block comes first, so its values win over the user's `Host *`.
        Assert.Equal("ec2-user", options["user"]);
    }

    [SkippableFact]
    public async Task Names_ending_in_eic_go_through_eic_too()
    {
        using var sandbox = await InstalledOverAsync("");

        var options = await ResolveAsync(sandbox, "web-1.prod.eu-west-1.eic");

        Assert.StartsWith($"'{sandbox.InstalledEic}' proxy", options["proxycommand"], StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Other_hosts_keep_the_users_own_settings()
    {
        using var sandbox = await InstalledOverAsync("Host *\n    User alice\n    IdentityAgent none\n");

        var options = await ResolveAsync(sandbox, "build.example.com");

        Assert.False(options.ContainsKey("proxycommand"), $"proxycommand {options.GetValueOrDefault("proxycommand")}");
        Assert.Equal("none", options["identityagent"]);
        Assert.Equal("alice", options["user"]);
    }

    private static async Task<InstallSandbox> InstalledOverAsync(string userConfig)
    {
        Skip.If(!Programs.IsInstalled("ssh"), "the OpenSSH client (ssh) is not installed");
        var sandbox = InstallSandbox.Create();
        Directory.CreateDirectory(sandbox.SshDirectory);
        File.WriteAllText(sandbox.SshConfig, userConfig);
        await sandbox.InstalledAsync();
        return sandbox;
    }

    /// <summary>
    /// `ssh -G` with the sandbox's config. ssh finds ~ through the passwd entry, not $HOME, so the file is named
    /// with -F; the Include inside it is absolute because install saw that HOME is not the passwd home.
    /// </summary>
    private static async Task<Dictionary<string, string>> ResolveAsync(InstallSandbox sandbox, string host)
    {
        var result = await ProcessRunner.RunAsync("ssh", ["-G", "-F", sandbox.SshConfig, host], sandbox.Environment);
        Assert.True(result.ExitCode == 0, result.ToString());
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            options.TryAdd(line[..space], line[(space + 1)..]);
        }

        return options;
    }
}
