using System.Collections;
using System.Diagnostics;

namespace EicAgent.Cli.Agent;

/// <summary>
/// The agent serves many shells, each with its own AWS settings, which arrive with each request: its own AWS_*
/// variables (whatever the shell that started it, or the service manager, had) must never stand in for them.
/// The AWS SDK reads the process environment in places (credential chain, endpoint URLs, FIPS switches), so
/// the variables are removed, not merely ignored.
/// </summary>
internal static class AgentEnvironment
{
    private const string AwsPrefix = "AWS_";

    /// <summary>Removes every AWS_* variable from this process (the agent, at start).</summary>
    public static void ForgetAwsVariables()
    {
        foreach (var name in AwsNames(Environment.GetEnvironmentVariables().Keys))
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    /// <summary>Starts a process (an on-demand agent) without the AWS_* variables of the shell that starts it.</summary>
    public static void Scrub(ProcessStartInfo startInfo)
    {
        ArgumentNullException.ThrowIfNull(startInfo);
        foreach (var name in AwsNames(startInfo.Environment.Keys))
        {
            startInfo.Environment.Remove(name);
        }
    }

    private static List<string> AwsNames(IEnumerable names) =>
        [.. names.OfType<string>().Where(name => name.StartsWith(AwsPrefix, StringComparison.OrdinalIgnoreCase))];
}
