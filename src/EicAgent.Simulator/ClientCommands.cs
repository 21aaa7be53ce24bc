namespace EicAgent.Simulator;

/// <summary>
/// Off root: `ssh`, `scp` and `sftp` wrappers that add `-F STATE/ssh_config` (port 2222, the current user), in a
/// directory to put first on PATH. rsync and git start `ssh` from PATH, so with that one PATH line the README's
/// commands (`ssh i-...`, `scp`, `rsync`, `sftp`, `git clone`) reach the simulated instances as written.
/// </summary>
internal static class ClientCommands
{
    public static string Write(string stateDirectory, string sshConfigPath)
    {
        var directory = Sshd.StateDirectories.CreateShared(stateDirectory, "client-bin");
        foreach (var program in (string[])["ssh", "scp", "sftp"])
        {
            if (FindOnPath(program, except: directory) is { } real)
            {
                var path = Path.Combine(directory, program);
                File.WriteAllText(path, $"#!/bin/sh\n# eic sim: {program} with the simulator's ssh_config (which includes ~/.ssh/config)\nexec '{real}' -F '{sshConfigPath}' \"$@\"\n");
                File.SetUnixFileMode(path, Sshd.Permissions.Executable);
            }
        }

        return directory;
    }

    private static string? FindOnPath(string program, string except) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Where(directory => directory != except)
            .Select(directory => Path.Combine(directory, program))
            .FirstOrDefault(File.Exists);
}
