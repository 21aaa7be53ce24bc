using System.Diagnostics;

namespace EicAgent.Cli;

/// <summary>Where this `eic` lives, so that it can name itself in ssh_config and start another of its own build.</summary>
internal static class SelfInvocation
{
    /// <summary>The native executable: the AOT binary, or the apphost beside eic.dll when run as `dotnet eic.dll`.</summary>
    public static string ExecutablePath()
    {
        var processPath = Environment.ProcessPath ?? throw new InvalidOperationException("cannot tell where eic runs from");
        if (!Path.GetFileNameWithoutExtension(processPath).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            return processPath;
        }

        return Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "eic.exe" : "eic");
    }

    public static ProcessStartInfo StartInfo(params string[] arguments)
    {
        var startInfo = new ProcessStartInfo(ExecutablePath()) { UseShellExecute = false };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        return startInfo;
    }
}
