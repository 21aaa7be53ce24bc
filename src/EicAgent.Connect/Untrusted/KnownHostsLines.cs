using EicAgent.Aws.Listing;

namespace EicAgent.Cli.Untrusted;

/// <summary>
/// known_hosts lines (what `eic known-hosts` prints for ssh's KnownHostsCommand): exactly "HOST TYPE BASE64", the
/// host a plain name or "[name]:port" (no pattern characters, no spaces, no marker like @revoked), the key checked
/// by <see cref="HostPublicKey.TryCreate"/>. Nothing else reaches ssh, whoever produced it.
/// </summary>
internal static class KnownHostsLines
{
    /// <summary>The line, or null when <paramref name="host"/> cannot be a known_hosts host.</summary>
    public static string? Line(string host, HostPublicKey key) =>
        IsHost(host) && HostPublicKey.TryCreate(key.KeyType, key.Base64) is not null ? $"{host} {key.KeyType} {key.Base64}" : null;

    public static bool IsWellFormed(string line)
    {
        var fields = line.Split(' ');
        return fields.Length == 3 && Line(fields[0], new HostPublicKey(fields[1], fields[2])) == line;
    }

    private static bool IsHost(string host) =>
        host.Length is > 0 and <= 1025 && host[0] != '@'
        && host.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or ':' or '[' or ']');
}
