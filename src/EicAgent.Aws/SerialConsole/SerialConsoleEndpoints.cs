namespace EicAgent.Aws.SerialConsole;

/// <summary>
/// The published serial console endpoints (serial-console-endpoints.txt, built in), overridden per region by the
/// lines of ~/.config/eic/serial-console-endpoints and of the file EIC_SERIAL_CONSOLE_ENDPOINTS names (in that
/// order), so a new region or a rotated key needs no new eic -- and a simulator can make its own endpoint trusted.
/// </summary>
public static class SerialConsoleEndpoints
{
    public const string FileVariable = "EIC_SERIAL_CONSOLE_ENDPOINTS";
    private const string ResourceName = "EicAgent.Aws.SerialConsole.serial-console-endpoints.txt";

    /// <summary>The endpoint for <paramref name="region"/>, or null when no list names it.</summary>
    /// <exception cref="FormatException">A line of a list is malformed (names the file and line).</exception>
    public static SerialConsoleEndpoint? For(string region)
    {
        SerialConsoleEndpoint? found = null;
        foreach (var (source, text) in Lists())
        {
            found = Parse(source, text).LastOrDefault(e => e.Region == region) ?? found;
        }

        return found;
    }

    /// <summary>Where the lists are read from, for messages: the built-in one, then the override files that exist.</summary>
    public static IEnumerable<string> OverrideFiles()
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        yield return Path.Combine(home, ".config", "eic", "serial-console-endpoints");
        if (Environment.GetEnvironmentVariable(FileVariable) is { Length: > 0 } named)
        {
            yield return named;
        }
    }

    internal static IEnumerable<SerialConsoleEndpoint> Parse(string source, string text)
    {
        var number = 0;
        foreach (var rawLine in text.Split('\n'))
        {
            number++;
            var line = rawLine.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var fields = line.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length is < 3 or > 4 || !fields[2].StartsWith("SHA256:", StringComparison.Ordinal))
            {
                throw new FormatException($"{source} line {number}: expected REGION ENDPOINT SHA256:FINGERPRINT [FIPS-ENDPOINT]");
            }

            yield return new SerialConsoleEndpoint(fields[0], fields[1], fields[2], fields.Length == 4 ? fields[3] : null);
        }
    }

    private static IEnumerable<(string Source, string Text)> Lists()
    {
        using (var builtIn = typeof(SerialConsoleEndpoints).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"{ResourceName} is missing from the build"))
        using (var reader = new StreamReader(builtIn))
        {
            yield return ("eic's built-in serial console endpoint list", reader.ReadToEnd());
        }

        foreach (var file in OverrideFiles().Where(File.Exists))
        {
            yield return (file, File.ReadAllText(file));
        }
    }
}
