namespace EicAgent.Cli.Proxy;

/// <summary>
/// "eic: HOST: waiting for AWS..." on stderr while a slow step runs, for people at a terminal: shown only after
/// <see cref="ShowAfter"/>, cleared when the step ends. Scripted runs (stderr not a terminal) and EIC_QUIET=1 see
/// nothing. The proxy cannot see ssh's BatchMode, so a terminal is the sign of a person.
/// </summary>
internal static class ProgressLine
{
    public static readonly TimeSpan ShowAfter = TimeSpan.FromSeconds(1);

    private const string ClearLine = "\r\u001b[K";

    public static bool Enabled =>
        !Console.IsErrorRedirected && Environment.GetEnvironmentVariable("EIC_QUIET") is null or "" or "0";

    /// <summary>Awaits <paramref name="step"/>, with <paramref name="text"/> on <paramref name="errors"/> while it takes longer than <see cref="ShowAfter"/>.</summary>
    public static async Task<T> WhileAsync<T>(TextWriter errors, string text, Task<T> step)
    {
        if (!Enabled)
        {
            return await step.ConfigureAwait(false);
        }

        using var stopTimer = new CancellationTokenSource();
        if (await Task.WhenAny(step, Task.Delay(ShowAfter, stopTimer.Token)).ConfigureAwait(false) == step)
        {
            await stopTimer.CancelAsync().ConfigureAwait(false);
            return await step.ConfigureAwait(false);
        }

        await errors.WriteAsync($"\r{text}").ConfigureAwait(false);
        await errors.FlushAsync().ConfigureAwait(false);
        try
        {
            return await step.ConfigureAwait(false);
        }
        finally
        {
            await errors.WriteAsync(ClearLine).ConfigureAwait(false);
            await errors.FlushAsync().ConfigureAwait(false);
        }
    }
}
