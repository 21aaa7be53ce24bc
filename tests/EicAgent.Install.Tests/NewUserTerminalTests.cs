using System.Text.RegularExpressions;
using EicAgent.Testing;

namespace EicAgent.Install.Tests;

/// <summary>
/// A new user at a real terminal (tmux, a login bash of a user made for the test): installs eic, follows the
/// install's PATH note, starts `eic sim` in the background, logs in with ssh, mistypes an instance id, uninstalls --
/// and the test reads the screen as that user would.
/// </summary>
public sealed class NewUserTerminalTests
{
    // Each step of a busy 2-core machine: a simulator start or a first login can take a minute or two.
    private static readonly TimeSpan StepLimit = TimeSpan.FromMinutes(3);

    [SkippableFact]
    public async Task A_new_user_installs_logs_in_is_refused_in_one_eic_line_and_uninstalls_keeping_the_audit_log()
    {
        Skip.If(Environment.UserName != "root", "creating a user to run the installer as needs root");
        Skip.IfNot(TmuxTerminal.Installed, "needs tmux for a real terminal (apt-get install tmux)");
        Skip.IfNot(new[] { "useradd", "userdel", "runuser", "ssh", "sshd", "bash" }.All(Programs.IsInstalled), "needs useradd, runuser, ssh, sshd and bash");
        await using var user = await SystemUser.CreateAsync();
        await user.GiveAsync(Checkout.BuiltEic, "built-eic");
        await user.GiveAsync(Checkout.InstallScript, "install");
        string[] runAs = ["runuser", "-u", user.Name, "--", "env", "-i", $"HOME={user.Home}", "PATH=/usr/local/bin:/usr/bin:/bin", "TERM=xterm-256color", "LANG=C.UTF-8"];
        var shell = new UserShell(user.Name, await TmuxTerminal.StartAsAsync(runAs, user.Home, StepLimit, "bash", ["-l"]));
        await using var terminal = shell.Terminal;

        var installed = await shell.RunAsync("./install -y --from ./built-eic");
        var bin = $"{user.Home}/.local/bin";
        Assert.Equal($"install: note: {bin} is not on your PATH; add it: echo 'export PATH=\"{bin}:$PATH\"' >> ~/.profile, then open a new shell", installed[^2]);
        Assert.StartsWith($"install: done: try `'{bin}/eic' demo` (a simulated AWS, no account needed)", installed[^1], StringComparison.Ordinal);

        // The note, followed as written; then README's simulator in the background of the same shell.
        await shell.RunAsync($"echo 'export PATH=\"{bin}:$PATH\"' >> ~/.profile");
        await shell.RunAsync("exec bash -l");
        await shell.RunAsync("eic sim > sim.env 2> sim.log &");
        await WaitForFileAsync(Path.Combine(user.Home, "sim.env"), "# Ctrl-C stops the simulator", () => ReadOrEmpty(Path.Combine(user.Home, "sim.log")));
        Assert.Empty(await shell.RunAsync(". ./sim.env"));

        var login = await shell.RunAsync("ssh i-0a1b2c3d4e5f00001 'echo \"$(id -un) on $(hostname)\"'");
        Assert.Equal(new[] { $"{user.Name} on {Environment.MachineName}" }, login);

        var refused = await shell.RunAsync("ssh i-0a1b2c3d4e5f0001");
        Assert.True(refused.Count == 3, string.Join('\n', refused));
        Assert.StartsWith("eic: ", refused[0], StringComparison.Ordinal);
        Assert.Contains("an id is i- and 17 hex digits", refused[0], StringComparison.Ordinal);
        Assert.Contains("did you mean i-0a1b2c3d4e5f00001 (web-1)", refused[0], StringComparison.Ordinal);
        // README's "What a refusal looks like": OpenSSH's own two lines after eic's, which no proxy can prevent.
        Assert.Equal(new[] { "kex_exchange_identification: Connection closed by remote host", "Connection closed by UNKNOWN port 65535" }, refused.Skip(1));

        await shell.RunAsync("kill %1; wait");
        var agents = AgentsOf(user);
        Assert.True(agents.Count == 1, $"expected the one on-demand agent of the first ssh, found {agents.Count}");
        var uninstalled = await shell.RunAsync("./install -y --uninstall");
        Assert.True(uninstalled.Contains($"install: stopped the eic agent (pid {agents[0]})"), string.Join('\n', uninstalled));
        // The agent removes its socket as it stops; uninstall removes one that a killed agent left.
        Assert.False(File.Exists(Path.Combine(user.Home, ".eic", "agent.sock")), "the agent socket is still there");
        Assert.Contains("install: kept the audit log ~/.local/state/eic/audit.jsonl (remove it yourself when you no longer need it)", uninstalled);
        Assert.Equal("install: eic is uninstalled", uninstalled[^1]);
        Assert.Empty(AgentsOf(user));
        Assert.Contains("\"event\":\"refused\"", File.ReadAllText(Path.Combine(user.Home, ".local", "state", "eic", "audit.jsonl")), StringComparison.Ordinal);
    }

    // An eic agent of the user: its command line names `agent` (it is non-dumpable, so its exe link is root's only).
    private static List<int> AgentsOf(SystemUser user) =>
        user.ProcessIds().Where(pid => ReadOrEmpty($"/proc/{pid}/cmdline").Split('\0') is [_, "agent", ..]).ToList();

    private static async Task WaitForFileAsync(string path, string text, Func<string> context)
    {
        var deadline = DateTime.UtcNow + StepLimit;
        while (!ReadOrEmpty(path).Contains(text, StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline, $"{path} did not show '{text}' within {StepLimit.TotalSeconds} s:\n{ReadOrEmpty(path)}\n{context()}");
            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }
    }

    private static string ReadOrEmpty(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            return "";
        }
    }

    /// <summary>A bash at the terminal: types a command and returns the lines it printed before the next prompt.</summary>
    private sealed class UserShell(string userName, TmuxTerminal terminal)
    {
        private readonly Regex _prompt = new($"^{Regex.Escape(userName)}@[^:]+:[^$]*\\$(?: |$)");

        public TmuxTerminal Terminal => terminal;

        public async Task<List<string>> RunAsync(string command)
        {
            var before = Prompts(Lines(await terminal.WaitForAsync(screen => IsAtPrompt(Lines(screen)), "a prompt")));
            await terminal.TypeLineAsync(command);
            var lines = Lines(await terminal.WaitForAsync(screen => Prompts(Lines(screen)) > before && IsAtPrompt(Lines(screen)), $"the prompt after `{command}`"));
            var typed = lines.FindLastIndex(line => _prompt.IsMatch(line) && line.EndsWith("$ " + command, StringComparison.Ordinal));
            Assert.True(typed >= 0, $"the screen does not show `{command}` typed:\n{string.Join('\n', lines)}");
            var next = lines.FindIndex(typed + 1, _prompt.IsMatch);
            return lines.GetRange(typed + 1, next - typed - 1);
        }

        private static List<string> Lines(string screen) => [.. screen.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n').Select(line => line.TrimEnd())];

        private int Prompts(List<string> lines) => lines.Count(_prompt.IsMatch);

        // The last line with text is a prompt with nothing typed after it.
        private bool IsAtPrompt(List<string> lines) => lines.LastOrDefault(line => line.Length > 0) is { } last && _prompt.IsMatch(last) && last.EndsWith('$');
    }
}
