namespace EicAgent.Aws.Listing;

/// <summary>One host public key as cloud-init printed it: "ssh-ed25519" and its base64 blob.</summary>
public sealed record HostPublicKey(string KeyType, string Base64);

/// <summary>
/// Reads cloud-init's host key block from a console log. Layout (each line may carry a logger prefix such as
/// "ec2: " or "&lt;14&gt;Nov 24 14:00:00 cloud-init: "):
/// <code>
/// -----BEGIN SSH HOST KEY KEYS-----
/// ssh-ed25519 AAAA... root@ip-10-0-0-1
/// -----END SSH HOST KEY KEYS-----
/// </code>
/// The LAST block counts: a reboot prints a new one after the old.
/// </summary>
public static class ConsoleHostKeys
{
    private const string Begin = "-----BEGIN SSH HOST KEY KEYS-----";
    private const string End = "-----END SSH HOST KEY KEYS-----";

    public static IReadOnlyList<HostPublicKey> Parse(string consoleOutput)
    {
        ArgumentNullException.ThrowIfNull(consoleOutput);
        List<HostPublicKey>? last = null;
        List<HostPublicKey>? current = null;
        foreach (var rawLine in consoleOutput.Split('\n'))
        {
            var line = rawLine.TrimEnd('\r');
            if (line.EndsWith(Begin, StringComparison.Ordinal))
            {
                current = [];
            }
            else if (line.EndsWith(End, StringComparison.Ordinal))
            {
                last = current ?? last;
                current = null;
            }
            else if (current is not null && ReadKey(line) is { } key)
            {
                current.Add(key);
            }
        }

        return last ?? [];
    }

    // The key type starts the key after the prefix: find "ssh-", "ecdsa-" or "sk-" and take the next field.
    private static HostPublicKey? ReadKey(string line)
    {
        var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i + 1 < fields.Length; i++)
        {
            if (IsKeyType(fields[i]) && fields[i + 1].StartsWith("AAAA", StringComparison.Ordinal))
            {
                return new HostPublicKey(fields[i], fields[i + 1]);
            }
        }

        return null;
    }

    private static bool IsKeyType(string field) =>
        field.StartsWith("ssh-", StringComparison.Ordinal) || field.StartsWith("ecdsa-", StringComparison.Ordinal)
        || field.StartsWith("sk-", StringComparison.Ordinal);
}
