using System.Diagnostics;

namespace EicAgent.Simulator.Sshd;

internal sealed record CommandResult(int ExitCode, string StandardOutput, string StandardError);

/// <summary>Runs a helper program (ssh-keygen, useradd, sshd -t) to completion within a bound.</summary>
internal static class ExternalCommand
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public static async Task<CommandResult> RunAsync(string fileName, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Start(startInfo);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(Timeout);
        try
        {
            await process.WaitForExitAsync(bounded.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', startInfo.ArgumentList)} did not finish within {Timeout.TotalSeconds} s");
        }

        return new CommandResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Starts a program, turning "not installed" into one actionable line.</summary>
    public static Process Start(ProcessStartInfo startInfo)
    {
        try
        {
            return Process.Start(startInfo) ?? throw new InvalidOperationException($"could not start {startInfo.FileName}");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException(
                $"cannot run {startInfo.FileName} ({e.Message}): the simulator needs OpenSSH's ssh-keygen and sshd (apt-get install openssh-client openssh-server)", e);
        }
    }

    public static async Task<CommandResult> RunCheckedAsync(string fileName, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var result = await RunAsync(fileName, arguments, cancellationToken);
        return result.ExitCode == 0
            ? result
            : throw new InvalidOperationException($"{fileName} failed (exit {result.ExitCode}): {result.StandardError.Trim()}");
    }
}
