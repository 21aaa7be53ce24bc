using EicAgent.Agent.Tests.Support;
using EicAgent.Testing;

namespace EicAgent.Agent.Tests.Hosting;

/// <summary>`eic agent` as users and the on-demand starter see it: one `listening` line, clean exits, one-line errors.</summary>
public sealed class EicAgentCommandTests : IDisposable
{
    private readonly TemporaryDirectory _work = new();

    private string SocketPath => _work.Combine("run", "agent.sock");

    private Dictionary<string, string?> SshEnvironment => new() { ["SSH_AUTH_SOCK"] = SocketPath };

    public void Dispose() => _work.Dispose();

    [Theory]
    [InlineData("TERM")]
    [InlineData("INT")]
    public async Task It_announces_one_listening_line_serves_and_removes_its_socket_on_a_signal(string signal)
    {
        await using var agent = EicAgentProcess.Start("--socket", SocketPath);

        Assert.Equal($"listening {SocketPath}", await agent.FirstLineAsync());
        var listed = await ProcessRunner.RunAsync("ssh-add", ["-l"], SshEnvironment);
        Assert.Contains("The agent has no identities.", listed.StandardOutput, StringComparison.Ordinal);
        var (exitCode, output) = await agent.SignalAsync(signal);

        Assert.True(exitCode == 0, agent.StandardError);
        Assert.Equal($"listening {SocketPath}\n", output);
        Assert.False(File.Exists(SocketPath));
    }

    [Fact]
    public async Task A_second_agent_on_the_same_live_socket_exits_3_with_one_line()
    {
        await using var first = EicAgentProcess.Start("--socket", SocketPath);
        await first.FirstLineAsync();

        await using var second = EicAgentProcess.Start("--socket", SocketPath);
        var (exitCode, output) = await second.ExitAsync();

        Assert.Equal(3, exitCode);
        Assert.Empty(output);
        Assert.Equal($"eic agent: another eic agent is already listening on {SocketPath}", second.StandardError.Trim());
        Assert.Equal(1, (await ProcessRunner.RunAsync("ssh-add", ["-l"], SshEnvironment)).ExitCode);
    }

    [Fact]
    public async Task A_socket_path_it_cannot_use_exits_1_with_one_line()
    {
        var aFile = _work.Combine("a-file");
        await File.WriteAllTextAsync(aFile, "");
        var tooLong = _work.Combine(new string('x', 120), "agent.sock");

        foreach (var (path, reason) in new[] { (Path.Combine(aFile, "agent.sock"), $"cannot create the socket directory {aFile}"), (tooLong, "the socket path is too long for a Unix socket") })
        {
            await using var agent = EicAgentProcess.Start("--socket", path);
            var (exitCode, output) = await agent.ExitAsync();

            Assert.Equal(1, exitCode);
            Assert.Empty(output);
            var error = Assert.Single(agent.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith("eic agent: ", error, StringComparison.Ordinal);
            Assert.Contains(reason, error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task In_the_background_it_logs_only_warnings_and_in_the_foreground_its_events()
    {
        var key = await OpenSshKey.GenerateAsync(_work, "ed25519");
        var fingerprint = (await ProcessRunner.RunAsync("ssh-keygen", "-l", "-f", key.PublicPath)).StandardOutput.Split(' ')[1];

        await using (var quiet = EicAgentProcess.Start("--socket", SocketPath))
        {
            await quiet.FirstLineAsync();
            Assert.Equal(0, (await ProcessRunner.RunAsync("ssh-add", [key.PrivatePath], SshEnvironment)).ExitCode);
            await quiet.SignalAsync("TERM");
            Assert.Equal("", quiet.StandardError.Trim());
        }

        await using var verbose = EicAgentProcess.Start("--socket", SocketPath, "--foreground");
        await verbose.FirstLineAsync();
        Assert.Equal(0, (await ProcessRunner.RunAsync("ssh-add", [key.PrivatePath], SshEnvironment)).ExitCode);
        await verbose.SignalAsync("TERM");
        Assert.Contains($"added key {fingerprint}", verbose.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain(key.PublicLine.Split(' ')[1], verbose.StandardError, StringComparison.Ordinal);
    }
}
