using System.Xml.Linq;
using EicAgent.Testing;

namespace EicAgent.Install.Tests;

/// <summary>
/// The agent as a user service. The service managers are fakes that record their calls: the real user's
/// systemd must never be touched by a test, and launchd does not exist on Linux.
/// </summary>
public sealed class ServiceManagerTests
{
    [SkippableFact]
    public async Task Enables_and_starts_the_unit_when_a_user_systemd_answers()
    {
        using var sandbox = InstallSandbox.Create();
        sandbox.FakeRecording("systemctl");

        var result = await sandbox.InstallAsync();

        Assert.True(result.ExitCode == 0, result.ToString());
        var calls = sandbox.Calls("systemctl");
        Assert.Contains("--user daemon-reload", calls);
        Assert.Contains("--user enable eic-agent.service", calls);
        Assert.Contains(calls, call => call is "--user start eic-agent.service" or "--user restart eic-agent.service");
        Assert.True(
            Array.IndexOf(calls, "--user daemon-reload") < Array.IndexOf(calls, "--user enable eic-agent.service"),
            "systemd must read the new unit before it is enabled");
    }

    [SkippableFact]
    public async Task A_second_install_with_nothing_changed_starts_the_unit_without_restarting_it()
    {
        using var sandbox = InstallSandbox.Create();
        sandbox.FakeRecording("systemctl");
        await sandbox.InstalledAsync();
        File.Delete(sandbox.CallLog("systemctl"));

        var second = await sandbox.InstallAsync();

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Contains("--user start eic-agent.service", sandbox.Calls("systemctl"));
        Assert.DoesNotContain("--user restart eic-agent.service", sandbox.Calls("systemctl"));
    }

    [SkippableFact]
    public async Task A_failing_start_is_one_error_line_and_a_non_zero_exit()
    {
        using var sandbox = InstallSandbox.Create();
        sandbox.Fake("systemctl", """case "$*" in *start*) echo "Job failed" >&2; exit 1 ;; esac""");

        var result = await sandbox.InstallAsync();

        Assert.NotEqual(0, result.ExitCode);
        var error = Assert.Single(result.StandardError.TrimEnd('\n').Split('\n'));
        Assert.StartsWith("install: error: systemctl --user restart eic-agent.service failed: Job failed", error, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Uninstall_stops_and_disables_the_unit()
    {
        using var sandbox = InstallSandbox.Create();
        sandbox.FakeRecording("systemctl");
        await sandbox.InstalledAsync();

        var result = await sandbox.UninstallAsync();

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("--user disable --now eic-agent.service", sandbox.Calls("systemctl"));
        Assert.False(File.Exists(sandbox.Unit));
    }

    [SkippableFact]
    public async Task The_unit_is_one_that_systemd_accepts()
    {
        Skip.If(!Programs.IsInstalled("systemd-analyze"), "systemd-analyze is not installed");
        using var sandbox = InstallSandbox.Create();
        sandbox.FakeRecording("systemctl");
        await sandbox.InstalledAsync();

        var verdict = await ProcessRunner.RunAsync("systemd-analyze", ["verify", sandbox.Unit], sandbox.Environment);

        Assert.True(verdict.ExitCode == 0, verdict.ToString());
    }

    [SkippableFact]
    public async Task On_macOS_writes_a_launchd_agent_for_the_installed_eic_and_bootstraps_it()
    {
        using var sandbox = PretendingToBeMacOS();

        var result = await sandbox.InstallAsync();

        Assert.True(result.ExitCode == 0, result.ToString());
        var plist = LaunchAgentPath(sandbox);
        var arguments = XDocument.Load(plist).Descendants("array").Single().Elements("string").Select(element => element.Value);
        Assert.Equal([sandbox.InstalledEic, "agent", "--socket", sandbox.Socket], arguments);
        Assert.Contains($"bootstrap gui/{await UserIdAsync()} {plist}", sandbox.Calls("launchctl"));
        Assert.False(File.Exists(sandbox.Unit));
    }

    [SkippableFact]
    public async Task On_macOS_uninstall_boots_the_launchd_agent_out_and_removes_it()
    {
        using var sandbox = PretendingToBeMacOS();
        await sandbox.InstalledAsync();

        var result = await sandbox.UninstallAsync();

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"bootout gui/{await UserIdAsync()}/dev.eicagent.agent", sandbox.Calls("launchctl"));
        Assert.False(File.Exists(LaunchAgentPath(sandbox)));
    }

    /// <summary>`uname -s` says Darwin, and a recording launchctl says "not loaded" to `print`.</summary>
    private static InstallSandbox PretendingToBeMacOS()
    {
        var sandbox = InstallSandbox.Create();
        var uname = new[] { "/usr/bin/uname", "/bin/uname" }.First(File.Exists);
        sandbox.Fake("uname", $"""[ "$1" = -s ] && echo Darwin || exec {uname} "$@" """);
        sandbox.Fake("launchctl", $"""printf '%s\n' "$*" >> '{sandbox.CallLog("launchctl")}'; [ "$1" != print ]""");
        return sandbox;
    }

    private static string LaunchAgentPath(InstallSandbox sandbox) =>
        Path.Combine(sandbox.Home, "Library", "LaunchAgents", "dev.eicagent.agent.plist");

    private static async Task<string> UserIdAsync() => (await ProcessRunner.RunAsync("id", "-u")).StandardOutput.Trim();
}
