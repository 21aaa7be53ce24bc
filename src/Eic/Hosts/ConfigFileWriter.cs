using System.Security.Cryptography;

namespace EicAgent.Cli.Hosts;

/// <summary>Writes a generated file atomically, and only over a file that carries our marker (or none at all).</summary>
internal static class ConfigFileWriter
{
    /// <returns>Null when written (or already equal), else a one-line reason why not.</returns>
    public static string? Write(string path, string content, string marker)
    {
        if (File.Exists(path))
        {
            string firstLine;
            using (var reader = new StreamReader(path))
            {
                firstLine = reader.ReadLine() ?? "";
            }

            if (firstLine != marker)
            {
                return $"{path} exists and was not written by `eic config`: move it away or choose another --output";
            }

            if (File.ReadAllText(path) == content)
            {
                return null;
            }
        }

        ReplaceAtomically(path, content);
        return null;
    }

    /// <summary>
    /// Writes a temporary file beside <paramref name="path"/> and renames it over it, so readers see the old file or
    /// the new one. The temporary name is random and created exclusively (O_CREAT|O_EXCL, which also refuses a
    /// symlink planted there), so another local user who can write to the directory can neither predict it nor
    /// redirect the write. The rename replaces a symlink at <paramref name="path"/> rather than writing through it.
    /// </summary>
    public static void ReplaceAtomically(string path, string content)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using (var writer = new StreamWriter(path: temporary, options))
            {
                writer.Write(content);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }
}
