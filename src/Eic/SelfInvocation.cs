using System.Diagnostics;

namespace EicAgent.Cli;

/// <summary>How `eic` starts another `eic` of its own build: the native binary, or `dotnet eic.dll` under the JIT.</summary>
internal static class SelfInvocation
{
    public static ProcessStartInfo StartInfo(params string[] arguments)
    {
        var processPath = Environment.ProcessPath ?? throw new InvalidOperationException("cannot tell where eic runs from");
        var startInfo = new ProcessStartInfo(processPath) { UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(processPath).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            startInfo.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "eic.dll"));
        }

        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        return startInfo;
    }
}
