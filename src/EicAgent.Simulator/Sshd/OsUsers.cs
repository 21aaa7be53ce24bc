namespace EicAgent.Simulator.Sshd;

/// <summary>
/// Makes the OS users the simulated instances log people in as (root only). New users get `useradd -m` and then
/// `usermod -p '*'`: without a password field sshd would treat them as locked. Users stay after the simulator stops.
/// </summary>
internal static class OsUsers
{
    private const int UserExists = 9;
    private const int PasswordFileBusy = 10;
    private static readonly SemaphoreSlim Gate = new(1, 1);

    /// <summary>Returns the users this call created.</summary>
    public static async Task<IReadOnlyList<string>> EnsureAsync(IEnumerable<string> names, CancellationToken cancellationToken)
    {
        var created = new List<string>();
        await Gate.WaitAsync(cancellationToken);
        try
        {
            foreach (var name in names.Distinct())
            {
                if (!Exists(name) && await AddAsync(name, cancellationToken))
                {
                    created.Add(name);
                }

                if (IsLockedWithoutPassword(name))
                {
                    await ExternalCommand.RunCheckedAsync("usermod", ["-p", "*", name], cancellationToken);
                }
            }
        }
        finally
        {
            Gate.Release();
        }

        return created;
    }

    private static bool Exists(string name) =>
        File.ReadLines("/etc/passwd").Any(line => line.StartsWith(name + ":", StringComparison.Ordinal));

    // Another process (a second simulator) may be adding users at the same moment: useradd then reports a busy
    // password file (retry) or that the user exists (fine).
    private static async Task<bool> AddAsync(string name, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var result = await ExternalCommand.RunAsync("useradd", ["-m", "-s", "/bin/bash", name], cancellationToken);
            switch (result.ExitCode)
            {
                case 0:
                    return true;
                case UserExists:
                    return false;
                case PasswordFileBusy when attempt < 10:
                    await Task.Delay(TimeSpan.FromMilliseconds(50 * attempt), cancellationToken);
                    break;
                default:
                    throw new InvalidOperationException($"useradd {name} failed (exit {result.ExitCode}): {result.StandardError.Trim()}");
            }
        }
    }

    // Only the "never had a password" markers: a real password hash that an administrator locked stays untouched.
    private static bool IsLockedWithoutPassword(string name)
    {
        var entry = File.ReadLines("/etc/shadow").FirstOrDefault(line => line.StartsWith(name + ":", StringComparison.Ordinal));
        var password = entry?.Split(':')[1];
        return password is "!" or "!!" or "!*";
    }
}
