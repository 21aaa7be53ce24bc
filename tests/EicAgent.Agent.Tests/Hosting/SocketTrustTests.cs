using EicAgent.Agent.Platform;
using EicAgent.Testing;

namespace EicAgent.Agent.Tests.Hosting;

/// <summary>
/// The agent's socket lives in a directory that only its user can write, and clients talk only to an agent of
/// their own uid (or root): a socket in a world-writable directory is refused by `eic agent`, and a socket that
/// another user's agent answers on is refused by `eic proxy` and `eic status`.
/// </summary>
public sealed class SocketTrustTests : IDisposable
{
    private const int Nobody = 65534;
    private readonly TemporaryDirectory _work = new();

    public void Dispose() => _work.Dispose();

    [Fact]
    public async Task The_agent_refuses_a_socket_directory_that_others_can_write()
    {
        var shared = Directory.CreateDirectory(_work.Combine("shared")).FullName;
        File.SetUnixFileMode(shared, (UnixFileMode)Convert.ToInt32("1777", 8));

        await using var agent = EicAgentProcess.Start("--socket", Path.Combine(shared, "agent.sock"));
        var (exitCode, output) = await agent.ExitAsync();

        Assert.Equal(1, exitCode);
        Assert.Empty(output);
        Assert.Equal($"eic agent: the socket directory {shared} is writable by others (mode 1777): chmod 700 it or use another directory", agent.StandardError.Trim());
        Assert.False(File.Exists(Path.Combine(shared, "agent.sock")));
    }

    [SkippableFact]
    public async Task The_agent_refuses_a_socket_directory_of_another_user()
    {
        Skip.IfNot(Posix.EffectiveUserId == 0, "giving a directory to another user needs root");
        var theirs = Directory.CreateDirectory(_work.Combine("theirs")).FullName;
        File.SetUnixFileMode(theirs, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Assert.Equal(0, (await ProcessRunner.RunAsync("chown", $"{Nobody}", theirs)).ExitCode);

        await using var agent = EicAgentProcess.Start("--socket", Path.Combine(theirs, "agent.sock"));
        var (exitCode, _) = await agent.ExitAsync();

        Assert.Equal(1, exitCode);
        Assert.Contains($"the socket directory {theirs} belongs to uid {Nobody}, not to you (uid 0)", agent.StandardError, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Eic_proxy_and_eic_status_refuse_an_agent_of_another_user()
    {
        Skip.IfNot(Posix.EffectiveUserId == 0 && File.Exists("/usr/bin/setpriv"), "running an agent as another user needs root and setpriv");

        // Outside our 0700 temporary directory, so that the other user can reach its own.
        var home = Directory.CreateTempSubdirectory("eic-other-user-").FullName;
        try
        {
            Assert.Equal(0, (await ProcessRunner.RunAsync("chown", $"{Nobody}:{Nobody}", home)).ExitCode);
            var socket = Path.Combine(home, "run", "agent.sock");
            string[] asNobody = ["setpriv", "--reuid", $"{Nobody}", "--regid", $"{Nobody}", "--clear-groups", "env", $"HOME={home}", $"XDG_STATE_HOME={home}/state"];
            await using var theirAgent = EicAgentProcess.StartUnder(asNobody, "--socket", socket);
            Assert.Equal($"listening {socket}", await theirAgent.FirstLineAsync());

            var proxy = await ProcessRunner.RunAsync("dotnet", [EicDll, "proxy", "--socket", socket, "web-1.eic", "22", "ec2-user"], standardInput: "");
            var status = await ProcessRunner.RunAsync("dotnet", EicDll, "status", "--socket", socket);

            var refusal = $"refusing the agent socket {socket}: the process answering there runs as uid {Nobody}, not as you (uid 0) or root";
            Assert.Equal(1, proxy.ExitCode);
            Assert.Equal($"eic: web-1.eic: {refusal}", proxy.StandardError.Trim());
            Assert.NotEqual(0, status.ExitCode);
            Assert.Contains(refusal, status.StandardOutput + status.StandardError, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    private static string EicDll => Path.Combine(AppContext.BaseDirectory, "eic.dll");
}
