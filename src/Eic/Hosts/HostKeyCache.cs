using EicAgent.Aws.Listing;

namespace EicAgent.Cli.Hosts;

/// <summary>
/// Host keys read from consoles, one file per instance under $XDG_CACHE_HOME/eic/host-keys (else ~/.cache/eic/...).
/// Host keys are public, so a plain cache is fine. A file is valid for one boot (the launch time it records): a
/// rebuilt instance never keeps old keys, and a stop/start costs one more GetConsoleOutput. Layout:
/// <code>
/// # launched 2026-11-24T14:00:00.0000000+00:00
/// ssh-ed25519 AAAA...
/// </code>
/// </summary>
internal sealed class HostKeyCache(string directory)
{
    private const string LaunchPrefix = "# launched ";

    public static HostKeyCache ForUser()
    {
        var cacheHome = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        if (string.IsNullOrEmpty(cacheHome) || !Path.IsPathRooted(cacheHome))
        {
            cacheHome = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        }

        return new HostKeyCache(Path.Combine(cacheHome, "eic", "host-keys"));
    }

    public IReadOnlyList<HostPublicKey>? Read(string instanceId, DateTimeOffset? launchedAt)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(PathOf(instanceId));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        if (lines.Length == 0 || lines[0] != LaunchPrefix + Stamp(launchedAt))
        {
            return null;
        }

        return [.. lines.Skip(1).Select(line => line.Split(' ')).Where(fields => fields.Length == 2).Select(fields => new HostPublicKey(fields[0], fields[1]))];
    }

    /// <summary>Best effort: a cache that cannot be written only makes the next lookup slower.</summary>
    public void Write(string instanceId, DateTimeOffset? launchedAt, IReadOnlyList<HostPublicKey> keys)
    {
        try
        {
            Directory.CreateDirectory(directory);
            var temporary = $"{PathOf(instanceId)}.{Environment.ProcessId}.tmp";
            File.WriteAllLines(temporary, keys.Select(key => $"{key.KeyType} {key.Base64}").Prepend(LaunchPrefix + Stamp(launchedAt)));
            File.Move(temporary, PathOf(instanceId), overwrite: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Nothing to do: the keys were printed all the same.
        }
    }

    private string PathOf(string instanceId) => Path.Combine(directory, instanceId);

    private static string Stamp(DateTimeOffset? launchedAt) => launchedAt?.ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture) ?? "unknown";
}
