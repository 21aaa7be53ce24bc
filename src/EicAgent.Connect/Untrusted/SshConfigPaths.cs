namespace EicAgent.Cli.Untrusted;

/// <summary>
/// Paths (the eic binary, the agent socket) and arguments written into ssh_config lines, quoted for what reads them.
/// Checked against OpenSSH 9.2 with `ssh -G` and real connections through paths holding spaces, '%', '$(...)', '${HOME}' and '\''.
/// <list type="bullet">
/// <item>ProxyCommand: ssh expands %-tokens, then runs <c>$SHELL -c "exec LINE"</c>: single quotes for the shell
/// (a ' as '\''), then every '%' doubled.</item>
/// <item>KnownHostsCommand: not run by a shell; ssh splits it by its own quoting (double quotes, '\' escapes '\', '"'
/// and '''), then expands %-tokens and ${VAR} in every argument but the program itself.</item>
/// <item>IdentityAgent, ControlPath: one such argument, %-tokens and ${VAR} expanded.</item>
/// <item>GlobalKnownHostsFile: words split by the same quoting; nothing expanded.</item>
/// </list>
/// ${ has no escape in ssh, so a path holding it is refused where ssh expands it; so are control characters and '"'
/// everywhere, and on Unix '\' (inside single quotes fish, a common $SHELL, still reads \\ and \').
/// </summary>
internal static class SshConfigPaths
{
    /// <summary>One word of a ProxyCommand line.</summary>
    /// <exception cref="UnsafePathException">The path cannot be written safely.</exception>
    public static string ProxyCommandWord(string path)
    {
        Check(path, expandsVariables: false);
        var quoted = OperatingSystem.IsWindows() ? $"\"{path}\"" : $"'{path.Replace("'", @"'\''", StringComparison.Ordinal)}'";
        return DoublePercents(quoted);
    }

    /// <summary>A word ssh expands nothing in: the program of a KnownHostsCommand line, a GlobalKnownHostsFile.</summary>
    /// <exception cref="UnsafePathException">The path cannot be written safely.</exception>
    public static string UnexpandedWord(string path)
    {
        Check(path, expandsVariables: false);
        return ArgvQuoted(path);
    }

    /// <summary>
    /// A KnownHostsCommand argument, an IdentityAgent or a ControlPath: ssh expands %-tokens and ${VAR} in it.
    /// <paramref name="tokens"/> (e.g. "%C") is appended inside the quotes as it is, for ssh to expand.
    /// </summary>
    /// <exception cref="UnsafePathException">The path cannot be written safely.</exception>
    public static string ExpandedArgument(string path, string tokens = "")
    {
        Check(path, expandsVariables: true);
        var quoted = ArgvQuoted(DoublePercents(path));
        return quoted[..^1] + tokens + "\"";
    }

    private static string ArgvQuoted(string text) => $"\"{text.Replace(@"\", @"\\", StringComparison.Ordinal)}\"";

    private static string DoublePercents(string text) => text.Replace("%", "%%", StringComparison.Ordinal);

    private static void Check(string path, bool expandsVariables)
    {
        string? why = path switch
        {
            "" => "it is empty",
            _ when UntrustedText.NeedsEscaping(path) => "it contains a control character",
            _ when path.Contains('"', StringComparison.Ordinal) => "it contains a double quote",
            _ when !OperatingSystem.IsWindows() && path.Contains('\\', StringComparison.Ordinal) => "it contains a backslash",
            _ when expandsVariables && path.Contains("${", StringComparison.Ordinal) => "it contains ${, which ssh would expand",
            _ => null,
        };
        if (why is not null)
        {
            throw new UnsafePathException($"cannot write '{UntrustedText.Printable(path)}' into ssh_config: {why}; use a path without it");
        }
    }
}

/// <summary>A path that cannot be written into an ssh_config line; the message is one line for the user.</summary>
internal sealed class UnsafePathException(string message) : Exception(message);
