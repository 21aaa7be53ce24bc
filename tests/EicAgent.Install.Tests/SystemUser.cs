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

    /// <summary>The ids of this user's processes (real uid), read from /proc.</summary>
    public IReadOnlyList<int> ProcessIds()
    {
        var uid = UnixUid();
        var ids = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), out var pid) && RealUidOf(directory) == uid)
            {
                ids.Add(pid);
            }
        }

        return ids;
    }

    public async ValueTask DisposeAsync()
    {
        // userdel refuses a user that still runs something: whatever the test left (an agent, a simulator) goes
        // first, and is waited for, since a killed process lingers until its parent reaps it.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (ProcessIds() is { Count: > 0 } left && DateTime.UtcNow < deadline)
        {
            foreach (var pid in left)
            {
                await ProcessRunner.RunAsync("kill", "-KILL", pid.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }

        await ProcessRunner.RunAsync("userdel", "--remove", Name);
        if (Directory.Exists(Home))
        {
            Directory.Delete(Home, recursive: true);
        }
    }

    private string UnixUid() => File.ReadAllLines("/etc/passwd").Select(line => line.Split(':')).First(fields => fields[0] == Name)[2];

    // The real uid: the first of the Uid line's four ids. A process that ended meanwhile has no status to read.
    private static string? RealUidOf(string directory)
    {
        try
        {
            return File.ReadLines(Path.Combine(directory, "status")).FirstOrDefault(line => line.StartsWith("Uid:", StringComparison.Ordinal))?.Split('\t')[1];
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
