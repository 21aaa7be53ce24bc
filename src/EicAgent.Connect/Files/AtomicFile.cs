using System.Security.Cryptography;

namespace EicAgent.Cli.Files;

/// <summary>Files that readers (ssh, the next eic) must see whole: the old content or the new, never half of either.</summary>
internal static class AtomicFile
{
    /// <summary>
    /// Writes a temporary file beside <paramref name="path"/> and renames it over it, so readers see the old file or
    /// the new one. The temporary name is random and created exclusively (O_CREAT|O_EXCL, which also refuses a
    /// symlink planted there), so another local user who can write to the directory can neither predict it nor
    /// redirect the write. The rename replaces a symlink at <paramref name="path"/> rather than writing through it.
    /// On Unix the file is the user's alone (0600).
    /// </summary>
    public static void Replace(string path, string content)
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
