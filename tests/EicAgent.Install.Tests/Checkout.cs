namespace EicAgent.Install.Tests;

/// <summary>Where the script under test and an already built eic are.</summary>
internal static class Checkout
{
    public static string Root { get; } = FindRoot();

    public static string InstallScript => Path.Combine(Root, "install");

    /// <summary>
    /// This test project references src/Eic, so its output holds a runnable framework-dependent eic
    /// (the apphost, eic.dll and their dependencies): what `./install --from DIR` takes.
    /// </summary>
    public static string BuiltEic => AppContext.BaseDirectory;

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "EicAgent.sln")) && File.Exists(Path.Combine(directory.FullName, "install")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"no EicAgent checkout above {AppContext.BaseDirectory}");
    }
}
