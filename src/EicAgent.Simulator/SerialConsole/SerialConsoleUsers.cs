using EicAgent.Simulator.Sshd;

namespace EicAgent.Simulator.SerialConsole;

/// <summary>
/// The OS users INSTANCE.port0 that the serial console endpoint logs in (sshd knows no other way to map a user
/// name). A dot is not in useradd's default name pattern, hence --badname; no home (they get /), no password
/// ('*': sshd treats a never-set '!' as locked). They stay after the simulator stops, like the instances' users.
/// </summary>
internal static class SerialConsoleUsers
{
    private const int UserExists = 9;
    private const int PasswordFileBusy = 10;

    public static async Task<IReadOnlyList<string>> EnsureAsync(IEnumerable<string> names, CancellationToken cancellationToken)
    {
        var created = new List<string>();
        foreach (var name in names)
        {
            var add = await AddAsync(name, cancellationToken);
            if (add.ExitCode == 0)
            {
                created.Add(name);
                await ExternalCommand.RunCheckedAsync("usermod", ["-p", "*", name], cancellationToken);
            }
            else if (add.ExitCode != UserExists)
            {
                throw new InvalidOperationException($"useradd {name} failed (exit {add.ExitCode}): {add.StandardError.Trim()}");
            }
        }

        return created;
    }

    // Another simulator may be adding users at the same moment: useradd then reports a busy password file.
    private static async Task<CommandResult> AddAsync(string name, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var add = await ExternalCommand.RunAsync("useradd", ["--badname", "-M", "-d", "/", "-s", "/bin/bash", name], cancellationToken);
            if (add.ExitCode != PasswordFileBusy || attempt == 10)
            {
                return add;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50 * attempt), cancellationToken);
        }
    }
}
