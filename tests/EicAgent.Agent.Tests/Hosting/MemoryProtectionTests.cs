using System.Diagnostics;
using System.Globalization;
using EicAgent.Agent.Platform;
using EicAgent.Testing;

namespace EicAgent.Agent.Tests.Hosting;

/// <summary>
/// Another process of the same user cannot read the running `eic agent`'s memory or environment (the agent is not
/// dumpable, as OpenSSH's agent is not), while it can read those of an ordinary process of that user. Privileges
/// bypass this (root has CAP_SYS_PTRACE), so when the tests run as root the agent, the ordinary process and the
/// reader all run as root stripped of every capability (setpriv), which is what an unprivileged uid amounts to.
/// </summary>
public sealed class MemoryProtectionTests : IDisposable
{
    private readonly TemporaryDirectory _work = new();

    public void Dispose() => _work.Dispose();

    [SkippableFact]
    public async Task Another_process_of_the_same_user_cannot_read_the_agents_memory_or_environment()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "/proc is Linux's");
        Skip.If(Posix.EffectiveUserId == 0 && !File.Exists("/usr/bin/setpriv"), "setpriv is not installed (apt-get install util-linux)");
        var socket = _work.Combine("run", "agent.sock");
        await using var agent = EicAgentProcess.StartUnder(Launcher, "--socket", socket);
        Assert.Equal($"listening {socket}", await agent.FirstLineAsync());
        // The shell says "ready" only after setpriv has exec'd it: until then the process still holds root's
        // capabilities, and a reader without them is refused for that reason alone.
        var (program, arguments) = Unprivileged("sh", "-c", "echo ready; exec sleep 60");
        using var ordinary = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true })!;
        try
        {
            Assert.Equal("ready", await ordinary.StandardOutput.ReadLineAsync());
            var ordinaryEnvironment = await ReadAsync(ordinary.Id, "environ");
            var ordinaryMemory = await ReadAsync(ordinary.Id, "mem");
            var agentEnvironment = await ReadAsync(agent.ProcessId, "environ");
            var agentMemory = await ReadAsync(agent.ProcessId, "mem");
            var agentMaps = await ReadAsync(agent.ProcessId, "maps");

            Assert.True(ordinaryEnvironment.ExitCode == 0, ordinaryEnvironment.ToString());
            Assert.DoesNotContain("Permission denied", ordinaryMemory.StandardError, StringComparison.Ordinal);
            foreach (var denied in new[] { agentEnvironment, agentMemory, agentMaps })
            {
                Assert.True(denied.ExitCode != 0 && denied.StandardError.Contains("Permission denied", StringComparison.Ordinal), denied.ToString());
                Assert.Empty(denied.StandardOutput);
            }
        }
        finally
        {
            ordinary.Kill();
            await ordinary.WaitForExitAsync();
        }
    }

    /// <summary>As root: no capabilities, now or after exec (setpriv execs, keeping its pid). Otherwise nothing to drop.</summary>
    private static IReadOnlyList<string> Launcher => Posix.EffectiveUserId == 0 ? ["setpriv", "--bounding-set", "-all", "--inh-caps", "-all"] : [];

    private static (string Program, string[] Arguments) Unprivileged(string program, params string[] arguments) =>
        Launcher.Count > 0 ? (Launcher[0], [.. Launcher.Skip(1), program, .. arguments]) : (program, arguments);

    /// <summary>The first 4 KiB of /proc/PID/FILE, read by an unprivileged process of this user.</summary>
    private static Task<ProcessResult> ReadAsync(int processId, string file)
    {
        var (program, arguments) = Unprivileged("head", "-c", "4096", $"/proc/{processId.ToString(CultureInfo.InvariantCulture)}/{file}");
        return ProcessRunner.RunAsync(program, arguments);
    }
}
