using EicAgent.Aws.Listing;
using EicAgent.Cli.Files;
using EicAgent.Cli.Untrusted;

namespace EicAgent.Cli.HostKeys;

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
        if (!SshConfigText.IsInstanceId(instanceId))
        {
            return null;
        }

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

        // Anyone who could write here could also edit known_hosts, but a malformed line still must not reach ssh.
        var keys = lines.Skip(1).Select(line => line.Split(' ')).Select(fields => fields.Length == 2 ? HostPublicKey.TryCreate(fields[0], fields[1]) : null).ToList();
        return keys.Count > 0 && keys.All(key => key is not null) ? keys.OfType<HostPublicKey>().ToList() : null;
    }

    /// <summary>Best effort: a cache that cannot be written only makes the next lookup slower.</summary>
    public void Write(string instanceId, DateTimeOffset? launchedAt, IReadOnlyList<HostPublicKey> keys)
    {
        // The id names the file: one from AWS that is not of EC2's shape (say "../x") is not cached.
        if (!SshConfigText.IsInstanceId(instanceId))
        {
            return;
        }

        try
        {
            AtomicFile.Replace(PathOf(instanceId),
                string.Concat(keys.Select(key => $"{key.KeyType} {key.Base64}\n").Prepend($"{LaunchPrefix}{Stamp(launchedAt)}\n")));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Nothing to do: the keys were printed all the same.
        }
    }

    private string PathOf(string instanceId) => Path.Combine(directory, instanceId);

    private static string Stamp(DateTimeOffset? launchedAt) => launchedAt?.ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture) ?? "unknown";
}
