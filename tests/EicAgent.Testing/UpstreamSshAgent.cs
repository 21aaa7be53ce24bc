using System.Globalization;

namespace EicAgent.Testing;

/// <summary>A real OpenSSH `ssh-agent` on a socket of a test's own, as the user's usual agent behind eic; disposing ends it.</summary>
public sealed class UpstreamSshAgent : IAsyncDisposable
{
    private readonly int _processId;

    private UpstreamSshAgent(string socketPath, int processId)
    {
        SocketPath = socketPath;
        _processId = processId;
    }

    public string SocketPath { get; }

    /// <summary>The environment that points ssh-add at this agent (no askpass: nothing may prompt).</summary>
    public IReadOnlyDictionary<string, string?> Environment => new Dictionary<string, string?>
    {
        ["SSH_AUTH_SOCK"] = SocketPath,
        ["SSH_ASKPASS"] = null,
        ["DISPLAY"] = null,
    };

    public static async Task<UpstreamSshAgent> StartAsync(string socketPath)
    {
        var started = await ProcessRunner.RunAsync("ssh-agent", "-s", "-a", socketPath);
        if (started.ExitCode != 0)
        {
            throw new InvalidOperationException($"ssh-agent did not start: {started}");
        }

        var pidLine = started.StandardOutput.Split(';').First(part => part.Contains("SSH_AGENT_PID=", StringComparison.Ordinal));
        return new UpstreamSshAgent(socketPath, int.Parse(pidLine.Split('=')[1], CultureInfo.InvariantCulture));
    }

    public async ValueTask DisposeAsync() => await ProcessRunner.RunAsync("kill", _processId.ToString(CultureInfo.InvariantCulture));
}
