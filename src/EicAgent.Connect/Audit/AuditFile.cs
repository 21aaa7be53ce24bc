namespace EicAgent.Cli.Audit;

/// <summary>Where the audit file lives: <c>$XDG_STATE_HOME/eic/audit.jsonl</c>, else <c>~/.local/state/eic/audit.jsonl</c>.</summary>
internal static class AuditFile
{
    public static string DefaultPath()
    {
        var state = Environment.GetEnvironmentVariable("XDG_STATE_HOME") is { Length: > 0 } xdg && Path.IsPathRooted(xdg)
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "state");
        return Path.Combine(state, "eic", "audit.jsonl");
    }
}
