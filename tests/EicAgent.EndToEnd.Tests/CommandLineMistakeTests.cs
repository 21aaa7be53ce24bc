using EicAgent.Testing;
using Xunit;

namespace EicAgent.EndToEnd.Tests;

/// <summary>A usage mistake is one line on stderr that names the help to read, and exit status 2; help itself is not a mistake.</summary>
public sealed class CommandLineMistakeTests
{
    [Theory]
    [InlineData(new string[0], "usage: eic COMMAND [ARGS...], COMMAND one of: agent, proxy,")]
    [InlineData(new[] { "proxy" }, "eic: Required argument missing for command: 'proxy' (see `eic proxy --help`)")]
    [InlineData(new[] { "ls", "--bogus" }, "eic: Unrecognized command or argument '--bogus' (see `eic ls --help`)")]
    [InlineData(new[] { "nonsense" }, "eic: Unrecognized command or argument 'nonsense' (see `eic --help`)")]
    public async Task A_mistake_is_one_line_on_stderr_and_exit_2(string[] arguments, string line)
    {
        var result = await ProcessRunner.RunAsync(EicWorld.EicPath, arguments);

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(result.StandardOutput);
        Assert.StartsWith(line, result.StandardError, StringComparison.Ordinal);
        Assert.Single(result.StandardError.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public async Task Help_is_on_stdout_with_exit_0()
    {
        var result = await ProcessRunner.RunAsync(EicWorld.EicPath, ["proxy", "--help"]);

        result.AssertExitCode(0);
        Assert.Contains("eic proxy <host> <port> <user> [options]", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_command_list_brackets_optional_arguments_and_keeps_its_columns()
    {
        var result = await ProcessRunner.RunAsync(EicWorld.EicPath, ["--help"]);

        result.AssertExitCode(0);
        var lines = result.StandardOutput.ReplaceLineEndings("\n").Split('\n');
        string Row(string label) => Assert.Single(lines, line => line.StartsWith($"  {label}  ", StringComparison.Ordinal));
        var doctor = Row("doctor [<target>]");
        var sim = Row("sim [<command>...]");
        Row("known-hosts <host> [<target>]");
        var proxy = Row("proxy <host> <port> <user>");
        Assert.Equal(proxy.IndexOf("ProxyCommand", StringComparison.Ordinal), doctor.IndexOf("Check every link", StringComparison.Ordinal));
        Assert.Equal(proxy.IndexOf("ProxyCommand", StringComparison.Ordinal), sim.IndexOf("Run a local AWS", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("doctor", "eic doctor [<target>] [options]")]
    [InlineData("sim", "eic sim [<command>...] [options]")]
    public async Task A_commands_own_help_shows_its_optional_argument_as_optional(string command, string usage)
    {
        var result = await ProcessRunner.RunAsync(EicWorld.EicPath, [command, "--help"]);

        result.AssertExitCode(0);
        Assert.Contains(usage, result.StandardOutput, StringComparison.Ordinal);
    }
}
