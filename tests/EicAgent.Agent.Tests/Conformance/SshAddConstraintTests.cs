using EicAgent.Agent.Core;
using EicAgent.Agent.Tests.Support;
using EicAgent.Testing;

namespace EicAgent.Agent.Tests.Conformance;

/// <summary>`ssh-add -c` (confirm each use) and `ssh-add -h` (destination constraints) with the real tools.</summary>
public sealed class SshAddConstraintTests : IAsyncLifetime
{
    private readonly TemporaryDirectory _work = new();
    private TestAgent? _agent;

    private TestAgent Agent => _agent ?? throw new InvalidOperationException("not started");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_agent is not null)
        {
            await _agent.DisposeAsync();
        }

        _work.Dispose();
    }

    [Fact]
    public async Task A_confirmed_key_signs_only_when_the_askpass_says_yes()
    {
        var answer = _work.Combine("answer");
        var asked = _work.Combine("asked");
        var askpass = _work.Combine("askpass");
        await File.WriteAllTextAsync(askpass, $"#!/bin/sh\nprintf '%s|%s\\n' \"$SSH_ASKPASS_PROMPT\" \"$1\" >> '{asked}'\nexit $(cat '{answer}')\n");
        File.SetUnixFileMode(askpass, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        _agent = TestAgent.Start(new AgentServerOptions { Confirmation = new AskpassConfirmation(askpass, ":99") });
        var key = await OpenSshKey.GenerateAsync(_work, "ed25519");
        Assert.Equal(0, (await Agent.SshAddAsync("-c", key.PrivatePath)).ExitCode);

        await File.WriteAllTextAsync(answer, "1");
        var refused = await Agent.SshAddAsync("-T", key.PublicPath);
        await File.WriteAllTextAsync(answer, "0");
        var confirmed = await Agent.SshAddAsync("-T", key.PublicPath);

        Assert.NotEqual(0, refused.ExitCode);
        Assert.True(confirmed.ExitCode == 0, confirmed.ToString());
        var questions = await File.ReadAllLinesAsync(asked);
        Assert.Equal(2, questions.Count(line => line.StartsWith("confirm|Allow use of key", StringComparison.Ordinal)));
        Assert.True(Agent.Log.Contains("use not confirmed at the askpass prompt"), Agent.Log.ToString());
    }

    [Fact]
    public async Task Confirmation_without_a_display_is_refused_with_the_reason()
    {
        _agent = TestAgent.Start(new AgentServerOptions { Confirmation = new AskpassConfirmation("/bin/true", Display: null) });
        var key = await OpenSshKey.GenerateAsync(_work, "ed25519");

        var added = await Agent.SshAddAsync("-c", key.PrivatePath);

        Assert.NotEqual(0, added.ExitCode);
        Assert.Equal(1, (await Agent.SshAddAsync("-l")).ExitCode);
        Assert.True(Agent.Log.Contains("the agent has no display (DISPLAY or WAYLAND_DISPLAY)"), Agent.Log.ToString());
    }

    [SkippableFact]
    public async Task A_key_restricted_to_one_host_logs_in_there_and_not_to_another()
    {
        Skip.IfNot(SshServer.IsInstalled, "sshd is not installed (apt-get install openssh-server)");
        _agent = TestAgent.Start(time: TimeProvider.System);
        await using var permitted = await SshServer.StartAsync();
        await using var other = await SshServer.StartAsync();
        var key = await OpenSshKey.GenerateAsync(_work, "ed25519");
        await permitted.AuthorizeAsync(key.PublicLine);
        await other.AuthorizeAsync(key.PublicLine);
        var knownHosts = _work.Combine("known_hosts");
        await File.WriteAllTextAsync(knownHosts, $"permitted-host {File.ReadAllText(permitted.HostPublicKeyPath).Trim()}\n");

        var added = await Agent.SshAddAsync("-h", "permitted-host", "-H", knownHosts, key.PrivatePath);
        File.Delete(key.PrivatePath);
        var loggedIn = await LoginAsync(permitted);
        var refused = await LoginAsync(other);

        Assert.True(added.ExitCode == 0, added.ToString());
        Assert.True(loggedIn.ExitCode == 0, $"{loggedIn}\n--- agent ---\n{Agent.Log}");
        // Bound to the other host, the connection is not even shown the key.
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("Permission denied", refused.StandardError, StringComparison.Ordinal);
        // Locally (no session-bind) the key is listed as OpenSSH's agent lists it.
        Assert.Equal(0, (await Agent.SshAddAsync("-l")).ExitCode);
    }

    private Task<ProcessResult> LoginAsync(SshServer server) =>
        ProcessRunner.RunAsync("ssh", ["-n", "-F", server.WriteClientConfig(Agent.SocketPath), "eic-test", "echo logged-in"]);
}
