using Microsoft.Extensions.Logging;

namespace EicAgent.Cli.Audit;

/// <summary>
/// The agent's one writer of the audit file. Each entry is one write of one whole line under a lock, so lines
/// from concurrent connections never interleave. A file that cannot be written costs a warning, never a connection.
/// </summary>
internal sealed partial class AuditLog(string path, TimeProvider time, ILogger<AuditLog> logger)
{
    private readonly Lock _gate = new();

    public string Path { get; } = path;

    public TimeProvider Time { get; } = time;

    public void Append(AuditEntry entry)
    {
        var line = AuditJson.ToLine(entry);
        lock (_gate)
        {
            try
            {
                using var file = OpenForAppend();
                file.Write(line);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                LogUnwritable(logger, Path, exception.Message);
            }
        }
    }

    private FileStream OpenForAppend()
    {
        var directory = System.IO.Path.GetDirectoryName(Path)!;
        if (!Directory.Exists(directory))
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(directory);
            }
            else
            {
                Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        var options = new FileStreamOptions { Mode = FileMode.Append, Access = FileAccess.Write, Share = FileShare.ReadWrite };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        return new FileStream(Path, options);
    }

    [LoggerMessage(300, LogLevel.Warning, "cannot write the audit file {Path}: {Reason}")]
    private static partial void LogUnwritable(ILogger logger, string path, string reason);
}
