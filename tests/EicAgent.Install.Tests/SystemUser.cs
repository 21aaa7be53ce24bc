using EicAgent.Testing;

namespace EicAgent.Install.Tests;

/// <summary>
/// A throwaway Unix user (needs root), for the one check that cannot be faked: what ssh does with the real
/// passwd entry. Removed with its home on dispose.
/// </summary>
internal sealed class SystemUser : IAsyncDisposable
{
    private SystemUser(string name, string home)
    {
        Name = name;
        Home = home;
    }

    public string Name { get; }

    public string Home { get; }

    public static async Task<SystemUser> CreateAsync()
    {
        var name = $"eic-inst-{Guid.NewGuid().ToString("N")[..8]}";
        // Outside any 0700 temporary directory, so that the user can reach its own home.
        var home = Path.Combine(Path.GetTempPath(), name);
        var created = await ProcessRunner.RunAsync("useradd", "--create-home", "--home-dir", home, "--shell", "/bin/sh", name);
        Assert.True(created.ExitCode == 0, created.ToString());
        return new SystemUser(name, home);
    }

    /// <summary>Runs a program as this user with nothing of our environment but HOME and PATH.</summary>
    public Task<ProcessResult> RunAsync(string path, params string[] arguments) =>
        ProcessRunner.RunAsync("runuser", ["-u", Name, "--", "env", "-i", $"HOME={Home}", $"PATH={path}", .. arguments]);

    /// <summary>Copies a file or directory into the home and gives it to the user.</summary>
    public async Task<string> GiveAsync(string source, string name)
    {
        var target = Path.Combine(Home, name);
        var copied = await ProcessRunner.RunAsync("cp", "-R", source, target);
        Assert.True(copied.ExitCode == 0, copied.ToString());
        var owned = await ProcessRunner.RunAsync("chown", "-R", Name, target);
        Assert.True(owned.ExitCode == 0, owned.ToString());
        return target;
    }

    public async ValueTask DisposeAsync()
    {
        await ProcessRunner.RunAsync("userdel", "--remove", Name);
        if (Directory.Exists(Home))
        {
            Directory.Delete(Home, recursive: true);
        }
    }
}
