using System.Globalization;

namespace EicAgent.Agent.Platform;

/// <summary>
/// Reads /proc/&lt;pid&gt;/stat (proc(5)): field 4 is the parent pid, field 22 the start time in clock ticks since
/// boot; and the /proc/&lt;pid&gt;/exe link for the executable.
/// </summary>
internal sealed class LinuxProcessTable : IProcessTable
{
    private const int ParentField = 4;
    private const int StartTimeField = 22;
    private const string DeletedSuffix = " (deleted)";

    public int? ParentProcessId(int processId) =>
        ReadField(processId, ParentField) is { } text && int.TryParse(text, CultureInfo.InvariantCulture, out var parent) ? parent : null;

    public long? StartTime(int processId) =>
        ReadField(processId, StartTimeField) is { } text && long.TryParse(text, CultureInfo.InvariantCulture, out var ticks) ? ticks : null;

    public string? ExecutableName(int processId)
    {
        try
        {
            // An executable replaced since the process started (a package upgrade of ssh) reads "/usr/bin/ssh (deleted)".
            var target = new FileInfo($"/proc/{processId}/exe").LinkTarget;
            return target is null ? null : Path.GetFileName(target.EndsWith(DeletedSuffix, StringComparison.Ordinal) ? target[..^DeletedSuffix.Length] : target);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string? ReadField(int processId, int field)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{processId}/stat");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        // Field 2 is the command name in parentheses and may itself contain spaces and ')': fields 3 onwards
        // start after the last ')'.
        var afterName = stat.LastIndexOf(')');
        if (afterName < 0)
        {
            return null;
        }

        var fields = stat[(afterName + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var index = field - 3;
        return index < fields.Length ? fields[index] : null;
    }
}
