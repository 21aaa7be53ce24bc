namespace EicAgent.Cli.Demo;

/// <summary>
/// What the demo's agent and ssh run with: the simulator's AWS variables, and the demo's own directory for every
/// file eic would otherwise keep for the user (audit log, host-key and credential caches, agent socket), so that
/// a demo leaves nothing in the user's real ones and its simulated instances never reach their audit log.
/// </summary>
internal static class DemoEnvironment
{
    public static IReadOnlyDictionary<string, string?> For(IReadOnlyDictionary<string, string> simulator, string workspace)
    {
        var environment = new Dictionary<string, string?>(simulator.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value)), StringComparer.Ordinal)
        {
            ["XDG_STATE_HOME"] = Directory.CreateDirectory(Path.Combine(workspace, "state")).FullName,
            ["XDG_CACHE_HOME"] = Directory.CreateDirectory(Path.Combine(workspace, "cache")).FullName,
            ["XDG_RUNTIME_DIR"] = workspace,
            ["EIC_AGENT_SOCK"] = Path.Combine(workspace, "agent.sock"),
            // The user's profile would otherwise win over the simulator's keys in the environment.
            ["AWS_PROFILE"] = null,
            ["AWS_CONFIG_FILE"] = Path.Combine(workspace, "aws-config"),
            ["AWS_SHARED_CREDENTIALS_FILE"] = Path.Combine(workspace, "aws-credentials"),
        };
        return environment;
    }

    /// <summary>Sets <paramref name="environment"/> on a process to start; null removes a variable.</summary>
    public static void ApplyTo(this IReadOnlyDictionary<string, string?> environment, System.Diagnostics.ProcessStartInfo startInfo)
    {
        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                startInfo.Environment.Remove(name);
            }
            else
            {
                startInfo.Environment[name] = value;
            }
        }
    }
}
