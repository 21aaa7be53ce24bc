namespace EicAgent.Agent.Listeners;

/// <summary>
/// The one place that decides where the agent listens, shared by `eic agent` and the ProxyCommand:
/// `--socket PATH`, else $EIC_AGENT_SOCK, else $XDG_RUNTIME_DIR/eic/agent.sock, else ~/.eic/agent.sock;
/// on Windows the named pipe \\.\pipe\eic-agent-USER.
/// </summary>
public static class AgentEndpoint
{
    public const string EnvironmentVariable = "EIC_AGENT_SOCK";
    private const string PipePrefix = @"\\.\pipe\";

    public static string Resolve(string? explicitPath) => !string.IsNullOrEmpty(explicitPath) ? explicitPath : Resolve(
        explicitPath,
        Environment.GetEnvironmentVariable,
        OperatingSystem.IsWindows(),
        Environment.UserName,
        Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));

    internal static string Resolve(string? explicitPath, Func<string, string?> environment, bool windows, string userName, string home)
    {
        if (!string.IsNullOrEmpty(explicitPath))
        {
            return explicitPath;
        }

        if (environment(EnvironmentVariable) is { Length: > 0 } fromEnvironment)
        {
            return fromEnvironment;
        }

        if (windows)
        {
            return $"{PipePrefix}eic-agent-{userName}";
        }

        return environment("XDG_RUNTIME_DIR") is { Length: > 0 } runtimeDirectory
            ? System.IO.Path.Combine(runtimeDirectory, "eic", "agent.sock")
            : System.IO.Path.Combine(home, ".eic", "agent.sock");
    }

    /// <summary>True for a Windows named pipe path (\\.\pipe\NAME or //./pipe/NAME).</summary>
    public static bool IsNamedPipe(string path) =>
        path.StartsWith(PipePrefix, StringComparison.OrdinalIgnoreCase) || path.StartsWith("//./pipe/", StringComparison.OrdinalIgnoreCase);

    /// <summary>The pipe name without the \\.\pipe\ (or //./pipe/) prefix, as .NET's pipe streams want it.</summary>
    public static string PipeName(string path) => path.Replace('/', '\\')[PipePrefix.Length..];

    /// <summary>
    /// How to write the path in ssh_config (IdentityAgent): since OpenSSH 8.9 backslashes are escapes, so a
    /// pipe is written //./pipe/NAME. Socket paths are unchanged.
    /// </summary>
    public static string ForSshConfig(string path) => IsNamedPipe(path) ? path.Replace('\\', '/') : path;
}
