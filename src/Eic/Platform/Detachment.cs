using System.Runtime.InteropServices;

namespace EicAgent.Cli.Platform;

/// <summary>
/// Lets an agent started on demand by a ProxyCommand outlive it: its own session (no SIGHUP when the terminal
/// closes), and once it has said `listening`, stdio on /dev/null so that it never writes into ssh's terminal.
/// </summary>
internal static partial class Detachment
{
    private const int ReadWrite = 2;

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
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var devNull = Open("/dev/null", ReadWrite);
        if (devNull < 0)
        {
            return;
        }

        for (var descriptor = 0; descriptor <= 2; descriptor++)
        {
            _ = Dup2(devNull, descriptor);
        }

        _ = Close(devNull);
    }

    [LibraryImport("libc", EntryPoint = "setsid")]
    private static partial int SetSid();

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "dup2")]
    private static partial int Dup2(int from, int to);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int descriptor);
}
