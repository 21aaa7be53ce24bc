using System.Text;

namespace EicAgent.Cli.Audit;

/// <summary>
/// Reads the audit file's whole lines from where it last stopped, and waits for it to change: `eic log` and
/// `eic log --follow`. A line still being written (no newline yet) waits for the next read.
/// </summary>
internal sealed class AuditReader(string path) : IDisposable
{
    private readonly SemaphoreSlim _changed = new(0);
    private FileSystemWatcher? _watcher;
    private long _position;

    public IReadOnlyList<string> ReadNew()
    {
        if (!File.Exists(path))
        {
            return [];
        }

        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        if (file.Length < _position)
        {
            _position = 0; // the file was replaced
        }

        file.Position = _position;
        var bytes = new byte[file.Length - _position];
        file.ReadExactly(bytes);
        var complete = Array.LastIndexOf(bytes, (byte)'\n') + 1;
        _position += complete;
        return Encoding.UTF8.GetString(bytes, 0, complete).Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>Returns once the file (or its directory) changed; throws OperationCanceledException on Ctrl-C.</summary>
    public async Task WaitForChangeAsync(CancellationToken cancellationToken)
    {
        if (_watcher is null)
        {
            var directory = Path.GetDirectoryName(path)!;
            Directory.CreateDirectory(directory);
            _watcher = new FileSystemWatcher(directory, Path.GetFileName(path));
            _watcher.Changed += (_, _) => _changed.Release();
            _watcher.Created += (_, _) => _changed.Release();
            _watcher.EnableRaisingEvents = true;
            return; // entries written before the watcher existed are read by the caller's next ReadNew
        }

        await _changed.WaitAsync(cancellationToken);
    }

    public void Dispose()
    {
        _watcher?.Dispose();
        _changed.Dispose();
    }
}
