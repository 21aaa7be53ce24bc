using EicAgent.Aws.Paths;

namespace EicAgent.Cli.Doctor;

/// <summary>
/// What `ssh -G USER@TARGET` says a real connection will use: doctor checks these rather than its own defaults,
/// because a Host block, a Match or a Port line in the user's config changes them.
/// </summary>
internal sealed record SshResolvedTarget(string User, int Port, string HostName, string? ProxyCommand, string? IdentityAgent)
{
    /// <summary>The user doctor checks when neither the target nor ssh's config names one.</summary>
    public const string DefaultUser = "ec2-user";

    public bool GoesThroughEic => ProxyCommand is not null && ProxyCommand.Contains(" proxy ", StringComparison.Ordinal);

    /// <summary>The path the ProxyCommand's `--via X` (or `--via=X`) names; null when it names none (auto) or is not eic's.</summary>
    public NetworkPath? Via
    {
        get
        {
            var words = GoesThroughEic ? ProxyCommand!.Split(' ', StringSplitOptions.RemoveEmptyEntries) : [];
            for (var i = 0; i < words.Length; i++)
            {
                var value = words[i] == "--via" && i + 1 < words.Length ? words[i + 1]
                    : words[i].StartsWith("--via=", StringComparison.Ordinal) ? words[i]["--via=".Length..] : null;
                if (value is not null && NetworkPaths.TryParse(value, out var path))
                {
                    return path;
                }
            }

            return null;
        }
    }

    /// <summary>Parses `ssh -G` output: one lowercase keyword and its value per line.</summary>
    public static SshResolvedTarget Parse(string output)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in output.Split('\n'))
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            if (space > 0)
            {
                values.TryAdd(line[..space], line[(space + 1)..].TrimEnd('\r'));
            }
        }

        var port = values.TryGetValue("port", out var text) && int.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var number) ? number : 22;
        return new SshResolvedTarget(
            values.GetValueOrDefault("user", DefaultUser),
            port,
            values.GetValueOrDefault("hostname", ""),
            values.GetValueOrDefault("proxycommand") is { } proxy && proxy != "none" ? proxy : null,
            values.GetValueOrDefault("identityagent") is { } agent && agent != "none" ? agent : null);
    }
}
