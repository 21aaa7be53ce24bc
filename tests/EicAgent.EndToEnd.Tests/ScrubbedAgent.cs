using System.Diagnostics;
using Xunit;

namespace EicAgent.EndToEnd.Tests;

/// <summary>An agent started as on demand: an environment with no AWS variable of the caller's, its files under a test's own directory.</summary>
internal static class ScrubbedAgent
{
    /// <summary>What the agent of <paramref name="directory"/> has logged, for a failing test to show.</summary>
    public static string Log(string directory) => File.Exists(LogPath(directory)) ? File.ReadAllText(LogPath(directory)) : "(nothing logged)";

    private static string LogPath(string directory) => Path.Combine(directory, "agent.log");

    /// <param name="ownVariables">Variables of the agent's own that must not leak into a request (e.g. another AWS_PROFILE).</param>
    public static async Task<Process> StartAsync(string socket, string directory, params (string Name, string Value)[] ownVariables)
    {
        var startInfo = new ProcessStartInfo(EicWorld.EicPath, ["agent", "--socket", socket, "--foreground"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.Environment.Clear();
        startInfo.Environment["PATH"] = Environment.GetEnvironmentVariable("PATH");
        startInfo.Environment["HOME"] = directory;
        startInfo.Environment["XDG_STATE_HOME"] = Path.Combine(directory, "state");
        startInfo.Environment["XDG_CACHE_HOME"] = Path.Combine(directory, "cache");
        foreach (var (name, value) in ownVariables)
        {
            startInfo.Environment[name] = value;
        }

        var agent = Process.Start(startInfo)!;
        var log = LogPath(directory);
        agent.ErrorDataReceived += (_, line) =>
        {
            lock (agent)
            {
                File.AppendAllText(log, line.Data + "\n");
            }
        };
        agent.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var ready = await agent.StandardOutput.ReadLineAsync(timeout.Token);
        Assert.Equal($"listening {socket}", ready);
        return agent;
    }
}
