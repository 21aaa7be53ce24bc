using EicAgent.Testing;
using Xunit;

namespace EicAgent.EndToEnd.Tests;

/// <summary>
/// The ssh_config block names eic and the agent socket by path: a path with spaces, '%', '$(...)' and a quote still
/// reaches eic as itself, through ssh's %-expansion, the shell that runs the ProxyCommand, and ssh's own splitting
/// of KnownHostsCommand; a path that cannot be written safely is refused with one line.
/// </summary>
[Collection(EicWorldCollection.Name)]
public sealed class HostilePathTests(EicWorld world) : IDisposable
{
    private const string HostileDirectory = "a b%h$(mkdir pwned)'q";

    private readonly TemporaryDirectory _directory = new("eic-hostile-path-");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Ssh_runs_eic_and_reaches_the_agent_through_a_path_with_spaces_percent_command_substitution_and_a_quote()
    {
        var directory = Directory.CreateDirectory(_directory.Combine(HostileDirectory)).FullName;
        var eic = Path.Combine(directory, "eic");
        var socket = Path.Combine(directory, "agent.sock");
        var argumentsLog = _directory.Combine("arguments.log");
        // A wrapper that records its arguments, then runs the real eic; the socket is a link to the world's agent.
        await File.WriteAllTextAsync(eic, $"#!/bin/sh\nprintf '[%s]' \"$@\" >> '{argumentsLog}'\necho >> '{argumentsLog}'\nexec '{EicWorld.EicPath}' \"$@\"\n");
        File.SetUnixFileMode(eic, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.CreateSymbolicLink(socket, world.SocketPath);
        var config = await WriteConfigAsync(eic, socket);

        var settings = await world.RunAsync("ssh", ["-G", "-F", config, "web-1.eic"], workingDirectory: _directory.Path);
        var login = await world.RunAsync("ssh", ["-F", config, "web-1.eic", "echo through"], workingDirectory: _directory.Path);

        Assert.True(settings.ExitCode == 0, settings.ToString());
        Assert.Contains($"identityagent {socket}\n", settings.StandardOutput, StringComparison.Ordinal);
        Assert.True(login.ExitCode == 0, login + world.AgentLog);
        Assert.Equal("through\n", login.StandardOutput);
        var calls = await File.ReadAllLinesAsync(argumentsLog);
        // On Linux ssh also names the connection's key file, in the same directory (its % tokens expanded by ssh).
        // The host keys come from the agent's known_hosts file beside the socket, named as ssh reads it: no KnownHostsCommand.
        Assert.Equal(
            [$"[proxy][--socket][{socket}][web-1.eic][{world.Sim.SshPort}][ec2-user][--key-file][{Path.Combine(directory, $"key-ec2-user@web-1.eic:{world.Sim.SshPort}")}][--known-hosts-name][web-1.eic]"],
            calls);
        Assert.Contains($"globalknownhostsfile /etc/ssh/ssh_known_hosts /etc/ssh/ssh_known_hosts2 {Path.Combine(directory, "eic_known_hosts")}\n", settings.StandardOutput, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_directory.Combine("pwned")), "a $(...) in the path ran");
    }

    [Theory]
    [InlineData("/tmp/x${HOME}y/agent.sock", "${")]
    [InlineData("/tmp/x\"y/agent.sock", "double quote")]
    [InlineData("/tmp/x\ny/agent.sock", "control character")]
    public async Task A_socket_path_ssh_would_expand_or_misread_is_refused_with_one_line(string socket, string why)
    {
        var rendered = await world.RunAsync(EicWorld.EicPath, ["ssh-config", "--eic", EicWorld.EicPath, "--socket", socket]);

        Assert.Equal(2, rendered.ExitCode);
        Assert.Equal("", rendered.StandardOutput);
        Assert.StartsWith("eic ssh-config: cannot write", rendered.StandardError, StringComparison.Ordinal);
        Assert.Contains(why, rendered.StandardError, StringComparison.Ordinal);
        Assert.Single(rendered.StandardError.TrimEnd('\n').Split('\n'));
    }

    private async Task<string> WriteConfigAsync(string eic, string socket)
    {
        var block = await world.RunAsync(EicWorld.EicPath, ["ssh-config", "--eic", eic, "--socket", socket]);
        Assert.True(block.ExitCode == 0, block.ToString());
        var config = _directory.Combine("ssh_config");
        await File.WriteAllTextAsync(config, $"""
            {block.StandardOutput}
            Host *
                UserKnownHostsFile {Path.Combine(world.Directory, "known_hosts")}
                StrictHostKeyChecking yes
                BatchMode yes
                LogLevel ERROR
                Port {world.Sim.SshPort}
            """);
        return config;
    }
}
