using System.Text.RegularExpressions;

namespace EicAgent.Aws.Listing;

/// <summary>
/// Reads cloud-init's host key block from a console log. cloud-init's write-ssh-key-fingerprints prints it either
/// bare (older releases: only the fingerprints went through `logger`) or through `logger -s -t ec2`, which gives
/// each line an "ec2: " or "&lt;14&gt;Nov 24 14:00:14 ec2: " prefix:
/// <code>
/// -----BEGIN SSH HOST KEY KEYS-----
/// ssh-ed25519 AAAA... root@ip-10-0-0-1
/// -----END SSH HOST KEY KEYS-----
/// </code>
/// Any process on the instance can write to its console, so: only those exact marker lines count; only blocks
/// after the last kernel boot line; an empty block is ignored (it never switches the check off); the blocks since
/// boot must all name the same keys, else there are none and one warning (a later block never replaces the keys
/// printed at boot); every key must decode and be of an allowed type (<see cref="HostPublicKey.TryCreate"/>).
/// </summary>
public static partial class ConsoleHostKeys
{
    private const string Begin = "-----BEGIN SSH HOST KEY KEYS-----";
    private const string End = "-----END SSH HOST KEY KEYS-----";

    /// <summary>The keys, or none and a one-line <paramref name="Warning"/> when the console contradicts itself.</summary>
    public sealed record Result(IReadOnlyList<HostPublicKey> Keys, string? Warning);

    public static Result Read(string consoleOutput)
    {
        ArgumentNullException.ThrowIfNull(consoleOutput);
        var blocks = new List<List<HostPublicKey>?>();
        List<HostPublicKey>? current = null;
        string? currentPrefix = null;
        var broken = false;
        foreach (var rawLine in SinceLastBoot(consoleOutput.Split('\n')))
        {
            var (prefix, text) = SplitPrefix(rawLine.TrimEnd('\r'));
            if (text == Begin)
            {
                // A BEGIN inside an open block: neither can be trusted.
                broken = current is not null;
                (current, currentPrefix) = ([], prefix);
            }
            else if (current is null || prefix != currentPrefix)
            {
                // Outside a block, or a line of another writer (a kernel message) interleaved with it.
                continue;
            }
            else if (text == End)
            {
                blocks.Add(broken ? null : current);
                (current, broken) = (null, false);
            }
            else if (ReadKey(text) is { } key)
            {
                current.Add(key);
            }
            else
            {
                broken = true;
            }
        }

        return Judge(blocks);
    }

    private static Result Judge(List<List<HostPublicKey>?> blocks)
    {
        var keySets = blocks.Where(block => block is not { Count: 0 }).ToList();
        if (keySets.Count == 0)
        {
            return new Result([], null);
        }

        var first = keySets[0];
        if (first is null || keySets.Skip(1).Any(other => other is null || !other.ToHashSet().SetEquals(first)))
        {
            return new Result([], $"the console shows {keySets.Count} SSH HOST KEY KEYS blocks since boot that do not agree "
                + "(something on the instance printed one): ignoring them");
        }

        return new Result(first.Distinct().ToList(), null);
    }

    // GetConsoleOutput may hold the end of an earlier boot: only what follows the kernel's first line counts.
    private static IEnumerable<string> SinceLastBoot(string[] lines)
    {
        var start = Array.FindLastIndex(lines, line => BootLine().IsMatch(line));
        return start < 0 ? lines : lines.Skip(start + 1);
    }

    // The prefix kinds cloud-init's lines can carry: none, "ec2: ", or syslog's "<14>Nov 24 14:00:14 ec2: ".
    private static (string Prefix, string Text) SplitPrefix(string line)
    {
        var match = LoggerPrefix().Match(line);
        return !match.Success ? ("", line)
            : (match.Groups["syslog"].Success ? "syslog ec2" : "ec2", line[match.Length..]);
    }

    // "TYPE BASE64" or "TYPE BASE64 COMMENT", nothing else.
    private static HostPublicKey? ReadKey(string line)
    {
        var fields = line.Split(' ', 3);
        return fields.Length >= 2 ? HostPublicKey.TryCreate(fields[0], fields[1]) : null;
    }

    [GeneratedRegex(@"^\[\s*0\.0+\] Linux version ")]
    private static partial Regex BootLine();

    [GeneratedRegex(@"^(?<syslog><\d{1,3}>[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d )?ec2: ")]
    private static partial Regex LoggerPrefix();
}
