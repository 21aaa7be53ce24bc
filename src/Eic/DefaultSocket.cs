namespace EicAgent.Cli;

/// <summary>
/// Where the agent listens when `--socket` is not given: env EIC_AGENT_SOCK, else
/// $XDG_RUNTIME_DIR/eic/agent.sock, else ~/.eic/agent.sock; on Windows the per-user pipe \\.\pipe\eic-agent-USER.
/// </summary>
/// <remarks>Stand-in until the agent core's resolver is merged: the lead replaces this body with a call to it.</remarks>
internal static class DefaultSocket
{
    public static string Path()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("EIC_AGENT_SOCK");
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return fromEnvironment;
        }

        if (OperatingSystem.IsWindows())
        {
            return $@"\\.\pipe\eic-agent-{Environment.UserName}";
        }

        // The XDG spec says to ignore a relative XDG_RUNTIME_DIR.
        var runtimeDirectory = Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR");
        if (!string.IsNullOrEmpty(runtimeDirectory) && System.IO.Path.IsPathRooted(runtimeDirectory))
        {
            return System.IO.Path.Combine(runtimeDirectory, "eic", "agent.sock");
        }

        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return System.IO.Path.Combine(home, ".eic", "agent.sock");
    }
}
