using System.Diagnostics;
using System.Globalization;
using EicAgent.Agent.Core;
using EicAgent.Agent.Keys;
using EicAgent.Agent.Platform;
using EicAgent.Agent.Tests.Support;
using EicAgent.Testing;

namespace EicAgent.Agent.Tests.Conformance;

/// <summary>A real `ssh` logs in to a real local `sshd` with a key that only our agent holds.</summary>
public sealed class SshLoginTests : AgentTest
{
    [SkippableFact]
    public async Task A_user_key_added_to_the_agent_logs_in()
    {
        Skip.IfNot(SshServer.IsInstalled, "sshd is not installed (apt-get install openssh-server)");
        await using var server = await SshServer.StartAsync();
        var key = await OpenSshKey.GenerateAsync(Work, "ed25519");
        await server.AuthorizeAsync(key.PublicLine);
        await Agent.SshAddAsync(key.PrivatePath);
        File.Delete(key.PrivatePath);

        var login = await ProcessRunner.RunAsync("ssh", ["-n", "-F", server.WriteClientConfig(Agent.SocketPath), "eic-test", "echo logged-in"]);

        Assert.True(login.ExitCode == 0, $"{login}\n--- sshd ---\n{server.Log}\n--- agent ---\n{Agent.Log}");
        Assert.Equal("logged-in", login.StandardOutput.Trim());
    }

    /// <summary>
    /// The whole minted-key path with the real tools: the key is bound to the ssh process before it exists
    /// (a shell that later execs ssh keeps its pid and start time), pushed (written to authorizedWork), marked
    /// ready, offered, signed for, and then forgotten. ssh's session-bind is verified with each host key type.
    /// </summary>
    [SkippableTheory]
    [InlineData("ed25519")]
    [InlineData("rsa")]
    [InlineData("ecdsa")]
    public async Task A_minted_key_bound_to_the_ssh_process_logs_in_once(string hostKeyType)
    {
        Skip.IfNot(SshServer.IsInstalled, "sshd is not installed (apt-get install openssh-server)");
        await using var server = await SshServer.StartAsync(hostKeyType);
        var config = server.WriteClientConfig(Agent.SocketPath);

        using var ssh = StartSshWaitingForGo(config);
        var minted = Agent.Keys.Mint(ClientBinding.ForProcess(ssh.Id), server.User);
        await server.AuthorizeAsync(minted.PublicKeyLine);
        minted.MarkReady();
        var (exitCode, output) = await LetGoAsync(ssh);

        Assert.True(exitCode == 0, $"{output}\n--- sshd ---\n{server.Log}\n--- agent ---\n{Agent.Log}");
        Assert.Equal("logged-in", output.Trim());
        Assert.Equal(MintedKeyOutcome.Used, await minted.Outcome.WaitAsync(TimeSpan.FromSeconds(5)));
        var hostKeyFingerprint = SshPublicKey.Fingerprint(Convert.FromBase64String((await File.ReadAllTextAsync(server.HostPublicKeyPath)).Split(' ')[1]));
        Assert.True(Agent.Log.Contains($"bound to a session of host key {hostKeyFingerprint} (forwarding: False)"), Agent.Log.ToString());
    }

    [SkippableFact]
    public async Task A_minted_key_for_another_remote_user_does_not_log_in()
    {
        Skip.IfNot(SshServer.IsInstalled, "sshd is not installed (apt-get install openssh-server)");
        await using var server = await SshServer.StartAsync();
        using var ssh = StartSshWaitingForGo(server.WriteClientConfig(Agent.SocketPath));
        var minted = Agent.Keys.Mint(ClientBinding.ForProcess(ssh.Id), "someone-else");
        await server.AuthorizeAsync(minted.PublicKeyLine);
        minted.MarkReady();

        var (exitCode, output) = await LetGoAsync(ssh);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("Permission denied", output, StringComparison.Ordinal);
        Assert.True(Agent.Log.Contains($"is for user someone-else, not {server.User}"), Agent.Log.ToString());
    }

    /// <summary>
    /// The binding the ProxyCommand work relies on, with the real ssh: a ProxyCommand reports its pid, the
    /// agent side finds ssh as its parent (<see cref="ClientBinding.ForParentOf"/>), mints and "pushes" a key
    /// for that ssh, and only then lets the proxy relay the bytes (bash's /dev/tcp) to sshd.
    /// </summary>
    [SkippableFact]
    public async Task A_key_bound_to_the_parent_of_the_ProxyCommand_logs_in()
    {
        Skip.IfNot(SshServer.IsInstalled, "sshd is not installed (apt-get install openssh-server)");
        await using var server = await SshServer.StartAsync();
        var reportedPid = Work.Combine("proxy-pid");
        var go = Work.Combine("proxy-go");
        foreach (var fifo in new[] { reportedPid, go })
        {
            Assert.Equal(0, (await ProcessRunner.RunAsync("mkfifo", fifo)).ExitCode);
        }

        var proxy = Work.Combine("proxy.sh");
        await File.WriteAllTextAsync(proxy, $$"""
            #!/bin/bash
            echo $$ > '{{reportedPid}}'
            read -r _ < '{{go}}'
            exec 3<>/dev/tcp/127.0.0.1/{{server.Port}}
            cat <&3 2>/dev/null &
            cat >&3
            # ssh closed our stdin: stop relaying the other way too, or the TCP connection never closes.
            kill $!
            """);
        File.SetUnixFileMode(proxy, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        var login = ProcessRunner.RunAsync(
            "ssh", ["-n", "-F", server.WriteClientConfig(Agent.SocketPath), "-o", $"ProxyCommand={proxy}", "eic-test", "echo logged-in"]);

        // Opening a FIFO blocks until the other side opens it: on a thread of its own, within a bound.
        var proxyPid = int.Parse((await Task.Run(() => File.ReadAllText(reportedPid)).WaitAsync(TimeSpan.FromSeconds(15))).Trim(), CultureInfo.InvariantCulture);
        var minted = Agent.Keys.Mint(ClientBinding.ForParentOf(new PeerCredentials(proxyPid, 0, ProcessTable.Current.StartTime(proxyPid))), server.User);
        await server.AuthorizeAsync(minted.PublicKeyLine);
        minted.MarkReady();
        await Task.Run(() => File.WriteAllText(go, "go\n")).WaitAsync(TimeSpan.FromSeconds(15));
        var result = await login.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(result.ExitCode == 0, $"{result}\n--- sshd ---\n{server.Log}\n--- agent ---\n{Agent.Log}");
        Assert.Equal("logged-in", result.StandardOutput.Trim());
        Assert.Equal(MintedKeyOutcome.Used, await minted.Outcome.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    /// <summary>A shell that execs ssh once told to: its pid is known (and bindable) before ssh runs.</summary>
    private static Process StartSshWaitingForGo(string config)
    {
        var startInfo = new ProcessStartInfo("/bin/sh")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-c", "read go && exec ssh -n -F \"$0\" eic-test echo logged-in", config })
        {
            startInfo.ArgumentList.Add(argument);
        }

        return Process.Start(startInfo)!;
    }

    private static async Task<(int ExitCode, string Output)> LetGoAsync(Process ssh)
    {
        var stdout = ssh.StandardOutput.ReadToEndAsync();
        var stderr = ssh.StandardError.ReadToEndAsync();
        await ssh.StandardInput.WriteLineAsync("go");
        ssh.StandardInput.Close();
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await ssh.WaitForExitAsync(bound.Token);
        return (ssh.ExitCode, await stdout + await stderr);
    }
}
