using EicAgent.Cli.Agent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace EicAgent.EndToEnd.Tests;

/// <summary>
/// The agent's log carries text it did not write (AWS error messages, names, exceptions): each event stays one line
/// and shows control characters escaped, so nothing can forge a line or drive the terminal of `eic agent --foreground`.
/// </summary>
public sealed class AgentLogFormatTests
{
    [Fact]
    public void An_event_with_a_newline_and_terminal_escapes_is_one_escaped_line()
    {
        const string FromAws = "denied\nwarn: forged line \u001b]0;pwned\u0007";

        var line = Format(LogLevel.Warning, $"refused connect@eicagent: {FromAws}", exception: null);

        Assert.Single(line.TrimEnd('\n').Split('\n'));
        Assert.DoesNotContain('\u001b', line);
        Assert.EndsWith(@"warn: Agent[7] refused connect@eicagent: denied\nwarn: forged line \e]0;pwned\x07" + "\n", line, StringComparison.Ordinal);
    }

    [Fact]
    public void An_exception_stays_on_the_events_line()
    {
        var line = Format(LogLevel.Error, "extension failed", new InvalidOperationException("bad\r\nthing"));

        Assert.Single(line.TrimEnd('\n').Split('\n'));
        Assert.Contains(@"extension failed System.InvalidOperationException: bad\r\nthing", line, StringComparison.Ordinal);
    }

    private static string Format(LogLevel level, string message, Exception? exception)
    {
        using var output = new StringWriter { NewLine = "\n" };
        var entry = new LogEntry<string>(level, "Agent", new EventId(7), message, exception, (state, _) => state);
        new PrintableLogFormatter().Write(entry, scopeProvider: null, output);
        return output.ToString();
    }
}
