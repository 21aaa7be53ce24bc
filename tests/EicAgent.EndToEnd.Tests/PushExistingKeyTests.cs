using System.Diagnostics;
using System.Text;
using EicAgent.Testing;
using Xunit;

namespace EicAgent.EndToEnd.Tests;

/// <summary>
/// `eic proxy --push-key`: the user's own key is pushed for each connection instead of a minted one, and whoever
/// holds its private half signs -- a key file, eic's own keys, or the upstream agent behind eic's socket.
/// </summary>
[Collection(EicWorldCollection.Name)]
public sealed class PushExistingKeyTests(EicWorld world) : IAsyncLifetime
{
    private readonly TemporaryDirectory _work = new("eic-push-key-");
    private readonly StringBuilder _agentLog = new();
    private Process? _agent;
    private UpstreamSshAgent? _upstream;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_agent is not null)
        {
            _agent.Kill();
            await _agent.WaitForExitAsync();
            _agent.Dispose();
        }

        if (_upstream is not null)
        {
            await _upstream.DisposeAsync();
        }

        _work.Dispose();
    }

    [Fact]
    public async Task A_key_file_is_pushed_and_ssh_signs_with_the_file()
    {
        var key = await GenerateKeyAsync("ed25519", "mine");

        var login = await SshAsync(world.SocketPath, key, ["-o", $"IdentityFile={key}"], "web-1.eic", "echo logged-in");

        Assert.True(login.ExitCode == 0, login + world.AgentLog);
        Assert.Equal("logged-in\n", login.StandardOutput);
        await AuditSaysPushedAsync(await FingerprintAsync(key));
    }

    [Fact]
    public async Task A_key_held_only_by_the_upstream_agent_is_chosen_by_fingerprint_pushed_and_signed_there()
    {
        _upstream = await UpstreamSshAgent.StartAsync(_work.Combine("upstream.sock"));
        var key = await GenerateKeyAsync("rsa", "upstream");
        var added = await ProcessRunner.RunAsync("ssh-add", [key], _upstream.Environment);
        Assert.True(added.ExitCode == 0, added.ToString());
        File.Delete(key);
        var socket = await StartAgentAsync(_upstream.SocketPath);
        var fingerprint = await FingerprintAsync(key);

        var login = await SshAsync(socket, fingerprint, ["-o", $"IdentityAgent={socket}"], "web-1.eic", "echo logged-in");

        Assert.True(login.ExitCode == 0, $"{login}\n--- agent ---\n{AgentLog}");
        Assert.Contains($"with the existing key {fingerprint}", AgentLog, StringComparison.Ordinal);
        Assert.DoesNotContain("minted", AgentLog, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_key_type_ec2_instance_connect_refuses_is_one_line_naming_what_it_takes()
    {
        var key = await GenerateKeyAsync("ecdsa", "ecdsa");

        var login = await SshAsync(world.SocketPath, key, ["-o", $"IdentityFile={key}"], "web-1.eic", "true");

        Assert.NotEqual(0, login.ExitCode);
        Assert.Contains(
            $"eic: the key to push ({await FingerprintAsync(key)}) is ecdsa-sha2-nistp256; EC2 Instance Connect takes only Ed25519 and RSA keys (2048 bits or more)\n",
            login.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_private_key_without_its_public_half_says_how_to_write_it()
    {
        var key = await GenerateKeyAsync("ed25519", "no-pub");
        File.Delete(key + ".pub");

        var login = await SshAsync(world.SocketPath, key, [], "web-1.eic", "true");

        Assert.NotEqual(0, login.ExitCode);
        Assert.Contains($"`ssh-keygen -y -f {key} > {key}.pub` writes it", login.StandardError, StringComparison.Ordinal);
    }

    private string AgentLog
    {
        get
        {
            lock (_agentLog)
            {
                return _agentLog.ToString();
            }
        }
    }

    /// <summary>ssh with our block, its ProxyCommand given `--push-key` as a per-host ssh_config line would.</summary>
    private Task<ProcessResult> SshAsync(string socket, string pushKey, string[] options, string target, string command) =>
        world.SshAsync([
            "-o", $"ProxyCommand={EicWorld.EicPath} proxy --socket {socket} --push-key {pushKey} %h %p %r",
            "-o", $"GlobalKnownHostsFile={Path.Combine(Path.GetDirectoryName(socket)!, "eic_known_hosts")}",
            .. options, target, command]);

    private async Task<string> GenerateKeyAsync(string type, string name)
    {
        var path = _work.Combine(name);
        var generated = await ProcessRunner.RunAsync("ssh-keygen", "-q", "-t", type, "-N", "", "-C", name, "-f", path);
        Assert.True(generated.ExitCode == 0, generated.ToString());
        return path;
    }

    private static async Task<string> FingerprintAsync(string key)
    {
        var listed = await ProcessRunner.RunAsync("ssh-keygen", "-l", "-E", "sha256", "-f", key + ".pub");
        return listed.StandardOutput.Split(' ')[1];
    }

    /// <summary>The world's audit has a push line for <paramref name="fingerprint"/> that says it was pushed.</summary>
    private async Task AuditSaysPushedAsync(string fingerprint)
    {
        await using var audit = AuditFollower.Start(world);
        await audit.NextAsync(
            entry => entry.TryGetProperty("fingerprint", out var pushed) && pushed.GetString() == fingerprint
                && entry.TryGetProperty("result", out var result) && result.GetString() == "pushed",
            $"a push line for {fingerprint}");
    }

    /// <summary>A second eic agent of this test's own, in front of <paramref name="upstream"/>; returns its socket.</summary>
    private async Task<string> StartAgentAsync(string upstream)
    {
        var socket = _work.Combine("eic.sock");
        _agent = Process.Start(world.StartInfo(EicWorld.EicPath, ["agent", "--socket", socket, "--foreground", "--upstream", upstream]))!;
        _agent.ErrorDataReceived += (_, line) =>
        {
            lock (_agentLog)
            {
                _agentLog.AppendLine(line.Data);
            }
        };
        _agent.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        Assert.Equal($"listening {socket}", await _agent.StandardOutput.ReadLineAsync(timeout.Token));
        return socket;
    }
}
