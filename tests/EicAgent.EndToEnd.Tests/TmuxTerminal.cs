using EicAgent.Testing;
using Xunit;

namespace EicAgent.EndToEnd.Tests;

/// <summary>
/// A real terminal: a private tmux server (its own -L socket) running one program in a 160x50 pane, read with
/// capture-pane and typed into with send-keys -- what a user sees and does, with ssh owning a real pty.
/// </summary>
internal sealed class TmuxTerminal : IAsyncDisposable
{
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(60);
    private readonly string _server = "eic-test-" + Guid.NewGuid().ToString("N")[..12];
    private readonly IReadOnlyDictionary<string, string?> _environment;

    private TmuxTerminal(IReadOnlyDictionary<string, string?> environment) => _environment = environment;

    public static bool Installed => File.Exists("/usr/bin/tmux");

    /// <summary>Starts <paramref name="program"/> in the pane; the tmux server (and so the program) gets <paramref name="environment"/>.</summary>
    public static async Task<TmuxTerminal> StartAsync(IReadOnlyDictionary<string, string?> environment, string program, IEnumerable<string> arguments)
    {
        var terminal = new TmuxTerminal(new Dictionary<string, string?>(environment) { ["TMUX"] = null, ["TERM"] = "xterm-256color" });
        var started = await terminal.TmuxAsync(["-f", "/dev/null", "new-session", "-d", "-x", "160", "-y", "50", "-s", "main", program, .. arguments]);
        Assert.True(started.ExitCode == 0, started.ToString());
        return terminal;
    }

    /// <summary>The pane's whole history and screen, wrapped lines joined.</summary>
    public async Task<string> ScreenAsync() => (await TmuxAsync(["capture-pane", "-p", "-J", "-S", "-", "-t", "main"])).StandardOutput;

    /// <summary>Waits until the screen shows <paramref name="text"/> (a terminal has no event to await: it is looked at, bounded).</summary>
    public async Task<string> WaitForAsync(string text, Func<string>? context = null)
    {
        var deadline = DateTime.UtcNow + WaitLimit;
        while (true)
        {
            var screen = await ScreenAsync();
            if (screen.Contains(text, StringComparison.Ordinal))
            {
                return screen;
            }

            Assert.True(DateTime.UtcNow < deadline, $"the terminal did not show '{text}' within {WaitLimit.TotalSeconds} s; it shows:\n{screen}\n{context?.Invoke()}");
            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }
    }

    /// <summary>Types: each argument a tmux key name (Enter) or literal text.</summary>
    public async Task SendKeysAsync(params string[] keys)
    {
        var sent = await TmuxAsync(["send-keys", "-t", "main", .. keys]);
        Assert.True(sent.ExitCode == 0, sent.ToString());
    }

    /// <summary>Waits until the program in the pane has ended (tmux closes the session with it).</summary>
    public async Task WaitUntilClosedAsync()
    {
        var deadline = DateTime.UtcNow + WaitLimit;
        while ((await TmuxAsync(["has-session", "-t", "main"])).ExitCode == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the program in the terminal did not end");
            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }
    }

    public async ValueTask DisposeAsync() => await TmuxAsync(["kill-server"]);

    private Task<ProcessResult> TmuxAsync(IEnumerable<string> arguments) =>
        ProcessRunner.RunAsync("tmux", ["-L", _server, .. arguments], _environment, standardInput: "", timeout: TimeSpan.FromSeconds(30));
}
