using EicAgent.Cli.Untrusted;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace EicAgent.Cli.Agent;

/// <summary>
/// The agent's log lines, one per event: `HH:mm:ss info: Category[id] message` on a terminal, `&lt;6&gt;Category[id]
/// message` for the journal. A message carries text the agent did not write (AWS error messages, OS user names,
/// instance names, an exception's text), so the whole line goes through <see cref="UntrustedText"/>: nothing in it
/// can start a forged log line or drive the terminal that shows `eic agent --foreground`.
/// </summary>
internal sealed class PrintableLogFormatter() : ConsoleFormatter(FormatterName)
{
    public const string FormatterName = "eic-printable";

    private readonly bool _forJournal = SystemdHelpers.IsSystemdService();

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        if (logEntry.Exception is { } exception)
        {
            message = $"{message} {exception}";
        }

        var prefix = _forJournal
            ? $"<{SyslogSeverity(logEntry.LogLevel)}>"
            : $"{DateTime.Now:HH:mm:ss} {ShortName(logEntry.LogLevel)}: ";
        textWriter.Write(prefix);
        textWriter.Write(UntrustedText.Printable($"{logEntry.Category}[{logEntry.EventId.Id}] {message}"));
        textWriter.WriteLine();
    }

    private static string ShortName(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        _ => "crit",
    };

    private static int SyslogSeverity(LogLevel level) => level switch
    {
        LogLevel.Trace or LogLevel.Debug => 7,
        LogLevel.Information => 6,
        LogLevel.Warning => 4,
        LogLevel.Error => 3,
        _ => 2,
    };
}
