using EicAgent.Agent.Core;
using EicAgent.Agent.Tests.Support;
using EicAgent.Testing;

namespace EicAgent.Agent.Tests.Conformance;

/// <summary>`eic agent --upstream`: the user's own (real) ssh-agent behind eic's socket.</summary>
public sealed class UpstreamAgentTests : IAsyncLifetime
{
    private readonly TemporaryDirectory _work = new();
    private readonly List<TestAgent> _agents = [];
    private UpstreamSshAgent? _upstream;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var agent in _agents)
        {
            await agent.DisposeAsync();
        }

        if (_upstream is not null)
        {
            await _upstream.DisposeAsync();
        }

        _work.Dispose();
    }

    [SkippableFact]
    public async Task A_key_held_only_upstream_is_listed_and_logs_in_through_eics_socket()
    {
        Skip.IfNot(SshServer.IsInstalled, "sshd is not installed (apt-get install openssh-server)");
        _upstream = await UpstreamSshAgent.StartAsync(_work.Combine("upstream.sock"));
        var theirs = await OpenSshKey.GenerateAsync(_work, "ecdsa", "theirs");
        Assert.Equal(0, (await ProcessRunner.RunAsync("ssh-add", [theirs.PrivatePath], _upstream.Environment)).ExitCode);
        File.Delete(theirs.PrivatePath);
        var eic = Start(_upstream.SocketPath);
        var ours = await OpenSshKey.GenerateAsync(_work, "ed25519", "ours");
        await eic.SshAddAsync(ours.PrivatePath);
        await using var server = await SshServer.StartAsync();
        await server.AuthorizeAsync(theirs.PublicLine);

        var listed = await eic.SshAddAsync("-L");
        var login = await ProcessRunner.RunAsync("ssh", ["-n", "-F", server.WriteClientConfig(eic.SocketPath), "eic-test", "echo logged-in"]);

        Assert.Equal([ours.PublicLine, theirs.PublicLine], listed.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.True(login.ExitCode == 0, $"{login}\n--- agent ---\n{eic.Log}");
        Assert.True(eic.Log.Contains("(upstream)"), eic.Log.ToString());
        // ssh-add adds to eic, not to the upstream agent.
        Assert.Equal([theirs.PublicLine], (await ProcessRunner.RunAsync("ssh-add", ["-L"], _upstream.Environment)).StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task A_dead_upstream_costs_one_line_and_eics_own_keys_stay_listed()
    {
        var eic = Start(_work.Combine("no-agent-here.sock"));
        var ours = await OpenSshKey.GenerateAsync(_work, "ed25519", "ours");
        await eic.SshAddAsync(ours.PrivatePath);

        var listed = await eic.SshAddAsync("-L");
        var signed = await eic.SshAddAsync("-T", ours.PublicPath);

        Assert.Equal(ours.PublicLine, listed.StandardOutput.Trim());
        Assert.Equal(0, signed.ExitCode);
        Assert.True(eic.Log.Contains("no-agent-here.sock cannot list"), eic.Log.ToString());
    }

    private TestAgent Start(string upstreamSocket)
    {
        var agent = TestAgent.Start(new AgentServerOptions { UpstreamSocket = upstreamSocket }, TimeProvider.System);
        _agents.Add(agent);
        return agent;
    }
}
