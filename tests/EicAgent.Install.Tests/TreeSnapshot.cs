using System.Security.Cryptography;

namespace EicAgent.Install.Tests;

/// <summary>Every entry under some directories with its kind, mode and content hash (or link target), to compare runs.</summary>
internal static class TreeSnapshot
{
    public static SortedDictionary<string, string> Take(params string[] roots)
    {
        var entries = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var root in roots)
        {
            foreach (var path in Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories))
            {
                entries[path] = Describe(path);
            }
        }

        return entries;
    }

    private static string Describe(string path)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget is { } target)
        {
            return $"link -> {target}";
        }

        var mode = Convert.ToString((int)File.GetUnixFileMode(path), 8);
        if (Directory.Exists(path))
        {
            return $"directory {mode}";
        }

        return $"file {mode} {Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)))} written {info.LastWriteTimeUtc:O}";
    }
}
