using System.Diagnostics;

namespace EicAgent.Cli.Proxy;

/// <summary>
/// Asks the person running ssh for an MFA code, where ssh asks for a passphrase: on the controlling terminal
/// (/dev/tty: ssh's stdin and stdout are the proxy's pipes), else through SSH_ASKPASS when there is a display,
/// following SSH_ASKPASS_REQUIRE (force, prefer, never) as ssh does. The code is never written anywhere.
/// </summary>
internal sealed record MfaCodePrompt(string? Terminal, string? Askpass, string? Display, string? AskpassRequire)
{
    private const string ControllingTerminal = "/dev/tty";

    /// <summary>How long the question waits for an answer.</summary>
    public static readonly TimeSpan AnswerTimeout = TimeSpan.FromMinutes(2);

    public static MfaCodePrompt FromEnvironment() => new(
        OperatingSystem.IsWindows() ? null : ControllingTerminal,
        NonEmpty("SSH_ASKPASS"),
        NonEmpty("DISPLAY") ?? NonEmpty("WAYLAND_DISPLAY"),
        NonEmpty("SSH_ASKPASS_REQUIRE"));

    /// <exception cref="MfaPromptException">Nobody can be asked, no answer in time, or an empty answer.</exception>
    /// <param name="reason">The agent's line, naming the profile and the MFA device: the question itself.</param>
    public async Task<string> AskAsync(string reason, CancellationToken cancellation)
    {
        var prompt = $"eic: {reason}: ";
        var askpassFirst = Askpass is not null && (AskpassRequire == "force" || (AskpassRequire == "prefer" && Display is not null));
        var code = askpassFirst ? await AskThroughAskpassAsync(prompt, cancellation) : null;
        code ??= await AskOnTerminalAsync(prompt, cancellation);
        if (code is null && AskpassRequire != "never" && Askpass is not null && Display is not null)
        {
            code = await AskThroughAskpassAsync(prompt, cancellation);
        }

        code = code?.Trim();
        return code switch
        {
            null => throw new MfaPromptException(
                $"{reason}, and there is no terminal to ask on: run ssh from a terminal, or set SSH_ASKPASS (with a display) to a program that asks"),
            "" => throw new MfaPromptException($"{reason}: no code was typed"),
            _ => code,
        };
    }

    /// <summary>Null when there is no controlling terminal.</summary>
    private async Task<string?> AskOnTerminalAsync(string prompt, CancellationToken cancellation)
    {
        FileStream terminal;
        try
        {
            terminal = Terminal is null ? throw new IOException("no terminal") : new FileStream(Terminal, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite, 1);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        // A blocking read on its own thread: a terminal does not wake a cancelled async read.
        var answer = Task.Run(() =>
        {
            using (terminal)
            {
                using var writer = new StreamWriter(terminal, leaveOpen: true) { AutoFlush = true };
                writer.Write(prompt);
                using var reader = new StreamReader(terminal, leaveOpen: true);
                return reader.ReadLine() ?? "";
            }
        }, CancellationToken.None);
        return await Bounded(answer, cancellation);
    }

    private async Task<string?> AskThroughAskpassAsync(string prompt, CancellationToken cancellation)
    {
        var startInfo = new ProcessStartInfo(Askpass!) { UseShellExecute = false, RedirectStandardInput = true, RedirectStandardOutput = true };
        startInfo.ArgumentList.Add(prompt);
        using var process = Process.Start(startInfo) ?? throw new MfaPromptException($"cannot start SSH_ASKPASS={Askpass}");
        process.StandardInput.Close();
        try
        {
            var output = await Bounded(process.StandardOutput.ReadToEndAsync(cancellation), cancellation);
            await process.WaitForExitAsync(cancellation);
            return process.ExitCode == 0 ? output.Split('\n')[0] : throw new MfaPromptException($"SSH_ASKPASS={Askpass} was cancelled (exit status {process.ExitCode})");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    private static async Task<string> Bounded(Task<string> answer, CancellationToken cancellation)
    {
        try
        {
            return await answer.WaitAsync(AnswerTimeout, cancellation);
        }
        catch (TimeoutException)
        {
            throw new MfaPromptException($"no MFA code was typed within {AnswerTimeout.TotalMinutes:0} minutes");
        }
    }

    private static string? NonEmpty(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;
}
