using Xunit;

namespace EicAgent.Testing;

/// <summary>
/// A real terminal: a private tmux server (its own -L socket) running one program in a 160x50 pane, read with
/// capture-pane and typed into with send-keys -- what a user sees and does, with ssh owning a real pty.
/// </summary>
public sealed class TmuxTerminal : IAsyncDisposable
{
    private readonly string _server = "eic-test-" + Guid.NewGuid().ToString("N")[..12];
    private readonly IReadOnlyDictionary<string, string?> _environment;
    private readonly IReadOnlyList<string> _runAs;
    private readonly TimeSpan _waitLimit;

    private TmuxTerminal(IReadOnlyDictionary<string, string?> environment, IReadOnlyList<string> runAs, TimeSpan waitLimit)
    {
        _environment = environment;
        _runAs = runAs;
        _waitLimit = waitLimit;
    }

    public static bool Installed => File.Exists("/usr/bin/tmux");

    /// <summary>Starts <paramref name="program"/> in the pane; the tmux server (and so the program) gets <paramref name="environment"/>.</summary>
    public static Task<TmuxTerminal> StartAsync(IReadOnlyDictionary<string, string?> environment, string program, IEnumerable<string> arguments) =>
        StartAsync(new TmuxTerminal(new Dictionary<string, string?>(environment) { ["TMUX"] = null, ["TERM"] = "xterm-256color" }, [], TimeSpan.FromSeconds(60)), [program, .. arguments]);

    /// <summary>
    /// Starts <paramref name="program"/> in <paramref name="directory"/> with every tmux command (so the server and
    /// the program) run through <paramref name="runAs"/>, e.g. `runuser -u USER -- env -i HOME=... PATH=... TERM=...`:
    /// another user's terminal. <paramref name="waitLimit"/> bounds each wait for the screen.
    /// </summary>
    public static Task<TmuxTerminal> StartAsAsync(IReadOnlyList<string> runAs, string directory, TimeSpan waitLimit, string program, IEnumerable<string> arguments) =>
        StartAsync(new TmuxTerminal(new Dictionary<string, string?>(), runAs, waitLimit), ["-c", directory, program, .. arguments]);

    /// <summary>The pane's whole history and screen, wrapped lines joined.</summary>
    public async Task<string> ScreenAsync() => (await TmuxAsync(["capture-pane", "-p", "-J", "-S", "-", "-t", "main"])).StandardOutput;

    /// <summary>Waits until the screen shows <paramref name="text"/> (a terminal has no event to await: it is looked at, bounded).</summary>
    public Task<string> WaitForAsync(string text, Func<string>? context = null) =>
        WaitForAsync(screen => screen.Contains(text, StringComparison.Ordinal), $"'{text}'", context);

    /// <summary>Waits until <paramref name="shows"/> holds for the screen, <paramref name="what"/> saying what was awaited.</summary>
    public async Task<string> WaitForAsync(Func<string, bool> shows, string what, Func<string>? context = null)
    {
        ArgumentNullException.ThrowIfNull(shows);
        var deadline = DateTime.UtcNow + _waitLimit;
        while (true)
        {
            var screen = await ScreenAsync();
            if (shows(screen))
            {
                return screen;
            }

            Assert.True(DateTime.UtcNow < deadline, $"the terminal did not show {what} within {_waitLimit.TotalSeconds} s; it shows:\n{screen}\n{context?.Invoke()}");
            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }
    }

    /// <summary>Types: each argument a tmux key name (Enter) or literal text.</summary>
    public async Task SendKeysAsync(params string[] keys)
    {
        var sent = await TmuxAsync(["send-keys", "-t", "main", .. keys]);
        Assert.True(sent.ExitCode == 0, sent.ToString());
    }

    /// <summary>Types <paramref name="text"/> exactly (no key names) and presses Enter.</summary>
    public async Task TypeLineAsync(string text)
    {
        var typed = await TmuxAsync(["send-keys", "-t", "main", "-l", text]);
        Assert.True(typed.ExitCode == 0, typed.ToString());
        await SendKeysAsync("Enter");
    }

    /// <summary>Waits until the program in the pane has ended (tmux closes the session with it).</summary>
    public async Task WaitUntilClosedAsync()
    {
        var deadline = DateTime.UtcNow + _waitLimit;
        while ((await TmuxAsync(["has-session", "-t", "main"])).ExitCode == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the program in the terminal did not end");
            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }
    }

    public async ValueTask DisposeAsync() => await TmuxAsync(["kill-server"]);

    private static async Task<TmuxTerminal> StartAsync(TmuxTerminal terminal, IEnumerable<string> command)
    {
        var started = await terminal.TmuxAsync(["-f", "/dev/null", "new-session", "-d", "-x", "160", "-y", "50", "-s", "main", .. command]);
        Assert.True(started.ExitCode == 0, started.ToString());
        return terminal;
    }

    private Task<ProcessResult> TmuxAsync(IEnumerable<string> arguments)
    {
        string[] command = [.. _runAs, "tmux", "-L", _server, .. arguments];
        return ProcessRunner.RunAsync(command[0], command[1..], _environment, standardInput: "", timeout: TimeSpan.FromSeconds(30));
    }
}
