namespace EicAgent.Install.Tests;

/// <summary>Whether a program the tests use (ssh, dash, a C compiler...) is on this machine's PATH.</summary>
internal static class Programs
{
    public static bool IsInstalled(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Any(directory => File.Exists(Path.Combine(directory, name)));
}
