using System.Diagnostics;
using System.Net.Sockets;
using EicAgent.Agent.Listeners;
using EicAgent.Agent.Platform;
using EicAgent.Agent.Tests.Support;
using EicAgent.Testing;

namespace EicAgent.Agent.Tests.Listeners;

/// <summary>Who may reach the socket, and what happens to sockets left behind or still in use.</summary>
public sealed class UnixSocketListenerTests : AgentTest
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    [Fact]
    public void The_socket_is_0600_in_a_directory_created_0700()
    {
        Assert.Equal(Private, File.GetUnixFileMode(Path.GetDirectoryName(Agent.SocketPath)!));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Agent.SocketPath));
    }

    [Fact]
    public async Task A_second_agent_on_a_live_socket_is_refused_and_the_first_keeps_serving()
    {
        var exception = Assert.Throws<AgentAlreadyRunningException>(() => AgentListenerFactory.Start(Agent.SocketPath, Agent.Log.For<UnixSocketListenerTests>()));

        Assert.Equal($"another eic agent is already listening on {Agent.SocketPath}", exception.Message);
        Assert.Equal(1, (await Agent.SshAddAsync("-l")).ExitCode);
        Assert.True(File.Exists(Agent.SocketPath));
    }

    [Fact]
    public async Task A_socket_left_behind_by_a_dead_agent_is_replaced()
    {
        var path = Work.Combine("stale.sock");
        await LeaveSocketBehindAsync(path);

        await using var listener = AgentListenerFactory.Start(path, Agent.Log.For<UnixSocketListenerTests>());
        using var client = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await client.ConnectAsync(new UnixDomainSocketEndPoint(path));
        await using var accepted = await listener.AcceptAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(Environment.ProcessId, accepted.Peer.ProcessId);
    }

    [Fact]
    public void A_file_with_data_in_the_way_is_never_deleted()
    {
        var path = Work.Combine("not-a-socket");
        File.WriteAllText(path, "precious");

        var exception = Assert.Throws<IOException>(() => AgentListenerFactory.Start(path, Agent.Log.For<UnixSocketListenerTests>()));

        Assert.Equal($"{path} exists and is not a socket", exception.Message);
        Assert.Equal("precious", File.ReadAllText(path));
    }

    [Fact]
    public async Task Disposing_the_listener_removes_the_socket()
    {
        var path = Work.Combine("sub", "dir", "agent.sock");
        var listener = AgentListenerFactory.Start(path, Agent.Log.For<UnixSocketListenerTests>());
        Assert.Equal(Private, File.GetUnixFileMode(Work.Combine("sub", "dir")));

        await listener.DisposeAsync();

        Assert.False(File.Exists(path));
    }

    /// <summary>
    /// Runs the real ssh-agent on <paramref name="path"/> and kills it with SIGKILL, so that the socket stays
    /// with nobody listening (.NET removes the sockets it closes itself, so it cannot leave one behind).
    /// </summary>
    private static async Task LeaveSocketBehindAsync(string path)
    {
        using var agent = Process.Start(new ProcessStartInfo("ssh-agent", ["-D", "-a", path]) { RedirectStandardOutput = true, UseShellExecute = false })!;
        var announced = await agent.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.StartsWith($"SSH_AUTH_SOCK={path};", announced, StringComparison.Ordinal);
        agent.Kill();
        await agent.WaitForExitAsync();
        Assert.True(File.Exists(path));
    }

    /// <summary>
    /// The directory's 0700 already keeps other users out; this test opens it up so that it is the uid check
    /// itself that refuses `nobody`, while our own uid still gets in.
    /// </summary>
    [SkippableFact]
    public async Task A_client_running_as_another_user_is_refused()
    {
        Skip.IfNot(Posix.EffectiveUserId == 0, "switching to another uid needs root");
        Skip.IfNot(File.Exists("/usr/bin/setpriv"), "setpriv (util-linux) is not installed");
        var open = Private | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
        File.SetUnixFileMode(Agent.Directory.Path, open);
        File.SetUnixFileMode(Path.GetDirectoryName(Agent.SocketPath)!, open);
        File.SetUnixFileMode(Agent.SocketPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead
            | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite);

        var asNobody = await ProcessRunner.RunAsync(
            "setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", "ssh-add", "-l"], Agent.Environment, timeout: TimeSpan.FromSeconds(20));

        Assert.NotEqual(0, asNobody.ExitCode);
        Assert.DoesNotContain("The agent has no identities", asNobody.StandardOutput, StringComparison.Ordinal);
        Assert.True(Agent.Log.Contains("uid 65534: only uid 0 (or root) may use this agent"), Agent.Log.ToString());
        Assert.Equal(1, (await Agent.SshAddAsync("-l")).ExitCode);
    }
}
