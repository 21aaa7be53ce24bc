using System.Diagnostics;

namespace EicAgent.Agent.Core;

/// <summary>
/// `ssh-add -c`: each use of the key is confirmed by a person through an askpass program, as OpenSSH's agent
/// does (SSH_ASKPASS_PROMPT=confirm, the question as the argument, exit status 0 for yes). It needs a display
/// to show the question on; without one the key is refused when added, not failed later.
/// </summary>
public sealed record AskpassConfirmation(string? Program, string? Display)
{
    private const string DefaultProgram = "/usr/bin/ssh-askpass";

    /// <summary>How long a question waits for an answer before it counts as "no".</summary>
    public TimeSpan AnswerTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>From the agent's own environment, as OpenSSH's agent reads it.</summary>
    public static AskpassConfirmation FromEnvironment() => new(
        Environment.GetEnvironmentVariable("SSH_ASKPASS") is { Length: > 0 } program ? program : File.Exists(DefaultProgram) ? DefaultProgram : null,
        Environment.GetEnvironmentVariable("DISPLAY") is { Length: > 0 } display ? display
            : Environment.GetEnvironmentVariable("WAYLAND_DISPLAY") is { Length: > 0 } wayland ? wayland : null);

    /// <summary>Null when a question can be asked, else why not.</summary>
    public string? Unavailable =>
        Display is null ? "confirmation on each use (ssh-add -c) needs a prompt, and the agent has no display (DISPLAY or WAYLAND_DISPLAY)"
        : Program is null ? $"confirmation on each use (ssh-add -c) needs a prompt, and the agent has no askpass program (SSH_ASKPASS, or {DefaultProgram})"
        : null;

    /// <summary>Asks; true only for a "yes" within <see cref="AnswerTimeout"/>.</summary>
    public async Task<bool> AskAsync(string question, CancellationToken cancellationToken)
    {
        if (Unavailable is not null)
        {
            return false;
        }

        var startInfo = new ProcessStartInfo(Program!) { UseShellExecute = false, RedirectStandardInput = true, RedirectStandardOutput = true };
        startInfo.ArgumentList.Add(question);
        startInfo.Environment["SSH_ASKPASS_PROMPT"] = "confirm";
        startInfo.Environment["DISPLAY"] = Display;
        using var process = Process.Start(startInfo);
        if (process is null)
        {
            return false;
        }

        process.StandardInput.Close();
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(AnswerTimeout);
        try
        {
            await process.StandardOutput.ReadToEndAsync(bound.Token);
            await process.WaitForExitAsync(bound.Token);
            return process.ExitCode == 0;
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            cancellationToken.ThrowIfCancellationRequested();
            return false;
        }
    }
}
