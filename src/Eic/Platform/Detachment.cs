using System.Runtime.InteropServices;

namespace EicAgent.Cli.Platform;

/// <summary>
/// Lets an agent started on demand by a ProxyCommand outlive it: its own session, so that closing the terminal
/// does not hang it up, and nothing more written to the pipes its starter gave it once it has said `listening`.
/// </summary>
/// <remarks>
/// The starter hands the agent pipes of its own for stdin, stdout and stderr (never ssh's stderr: .NET keeps
/// duplicates of the standard descriptors, so an inherited pipe would stay open and keep ssh's readers waiting).
/// </remarks>
internal static partial class Detachment
{
    public static void LeaveTerminalSession()
    {
        if (!OperatingSystem.IsWindows())
        {
            // Fails only when we already lead a process group, and then we have no terminal to leave.
            _ = SetSid();
        }
    }

    public static void ReleaseStandardStreams()
    {
        Console.Out.Flush();
        Console.SetOut(TextWriter.Null);
        Console.SetError(TextWriter.Null);
    }

    [LibraryImport("libc", EntryPoint = "setsid")]
    private static partial int SetSid();
}
