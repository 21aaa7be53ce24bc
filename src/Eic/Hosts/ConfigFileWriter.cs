using EicAgent.Cli.Files;

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

        AtomicFile.Replace(path, content);
        return null;
    }
}
