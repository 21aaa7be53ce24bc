using EicAgent.Agent.Listeners;

namespace EicAgent.Agent.Tests.Listeners;

/// <summary>--socket, then $EIC_AGENT_SOCK, then $XDG_RUNTIME_DIR/eic/agent.sock, then ~/.eic/agent.sock; a pipe on Windows.</summary>
public sealed class AgentEndpointTests
{
    private static string Resolve(string? option, Dictionary<string, string> environment, bool windows = false) =>
        AgentEndpoint.Resolve(option, name => environment.GetValueOrDefault(name), windows, "alice", "/home/alice");

    [Fact]
    public void The_option_wins_over_everything()
    {
        var path = Resolve("/opt/a.sock", new() { ["EIC_AGENT_SOCK"] = "/env.sock", ["XDG_RUNTIME_DIR"] = "/run/user/1000" });
        Assert.Equal("/opt/a.sock", path);
    }

    [Fact]
    public void The_environment_variable_comes_next()
    {
        Assert.Equal("/env.sock", Resolve(null, new() { ["EIC_AGENT_SOCK"] = "/env.sock", ["XDG_RUNTIME_DIR"] = "/run/user/1000" }));
    }

    [Fact]
    public void The_runtime_directory_comes_before_the_home_directory()
    {
        Assert.Equal("/run/user/1000/eic/agent.sock", Resolve(null, new() { ["XDG_RUNTIME_DIR"] = "/run/user/1000" }));
        Assert.Equal("/home/alice/.eic/agent.sock", Resolve(null, new() { ["XDG_RUNTIME_DIR"] = "" }));
    }

    [Fact]
    public void Windows_uses_a_per_user_pipe_written_with_slashes_in_ssh_config()
    {
        var pipe = Resolve(null, [], windows: true);

        Assert.Equal(@"\\.\pipe\eic-agent-alice", pipe);
        Assert.True(AgentEndpoint.IsNamedPipe(pipe));
        Assert.Equal("//./pipe/eic-agent-alice", AgentEndpoint.ForSshConfig(pipe));
        Assert.Equal("/run/x.sock", AgentEndpoint.ForSshConfig("/run/x.sock"));
        Assert.Equal("eic-agent-alice", AgentEndpoint.PipeName(pipe));
        Assert.Equal("eic-agent-alice", AgentEndpoint.PipeName("//./pipe/eic-agent-alice"));
    }
}
