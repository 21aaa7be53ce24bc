using EicAgent.Testing;

namespace EicAgent.Install.Tests;

/// <summary>`./install` for a user with no ~/.ssh at all.</summary>
public sealed class FreshInstallTests
{
    private const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [SkippableFact]
    public async Task Includes_eic_config_on_the_first_line_of_a_new_ssh_config()
    {
        using var sandbox = InstallSandbox.Create();

        var result = await sandbox.InstallAsync();

        Assert.True(result.ExitCode == 0, result.ToString());
        // HOME is not the passwd home here, so ssh would expand ~ elsewhere: the line names the file itself.
        Assert.Equal($"Include {sandbox.EicConfig}\n", File.ReadAllText(sandbox.SshConfig));
        Assert.Equal(OwnerOnlyDirectory, File.GetUnixFileMode(sandbox.SshDirectory));
        Assert.Equal(OwnerOnlyFile, File.GetUnixFileMode(sandbox.SshConfig));
    }

    [SkippableFact]
    public async Task Writes_the_block_that_the_installed_eic_prints_for_this_machine()
    {
        using var sandbox = InstallSandbox.Create();

        var result = await sandbox.InstallAsync();

        Assert.True(result.ExitCode == 0, result.ToString());
        var block = File.ReadAllText(sandbox.EicConfig);
        Assert.Contains("Host i-* *.eic\n", block, StringComparison.Ordinal);
        var keyFile = Path.Combine(Path.GetDirectoryName(sandbox.Socket)!, "key-");
        Assert.Contains($"ProxyCommand '{sandbox.InstalledEic}' proxy --socket '{sandbox.Socket}' %h %p %r --key-file '{keyFile}'%r@%h:%p --known-hosts-name %k\n", block, StringComparison.Ordinal);
        Assert.Contains($"GlobalKnownHostsFile /etc/ssh/ssh_known_hosts /etc/ssh/ssh_known_hosts2 \"{Path.GetDirectoryName(sandbox.Socket)}/eic_known_hosts\"\n", block, StringComparison.Ordinal);
        Assert.Contains($"IdentityAgent \"{sandbox.Socket}\"\n", block, StringComparison.Ordinal);
        var printed = await sandbox.RunProgramAsync(sandbox.InstalledEic, "ssh-config", "--eic", sandbox.InstalledEic);
        Assert.Equal(printed.StandardOutput, block);
        Assert.Equal(OwnerOnlyFile, File.GetUnixFileMode(sandbox.EicConfig));
    }

    [SkippableFact]
    public async Task With_multiplex_the_block_shares_connections_through_sockets_beside_the_agent_socket()
    {
        using var sandbox = InstallSandbox.Create();

        var result = await sandbox.InstallAsync("--multiplex");

        Assert.True(result.ExitCode == 0, result.ToString());
        var block = File.ReadAllText(sandbox.EicConfig);
        Assert.Contains("    ControlMaster auto\n", block, StringComparison.Ordinal);
        Assert.Contains($"    ControlPath \"{Path.GetDirectoryName(sandbox.Socket)}/cm-%C\"\n", block, StringComparison.Ordinal);
        var printed = await sandbox.RunProgramAsync(sandbox.InstalledEic, "ssh-config", "--eic", sandbox.InstalledEic, "--multiplex");
        Assert.Equal(printed.StandardOutput, block);
    }

    [SkippableFact]
    public async Task Links_a_runnable_eic_into_prefix_bin()
    {
        using var sandbox = InstallSandbox.Create();

        var result = await sandbox.InstallAsync();

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(Path.Combine(sandbox.InstalledLibrary, "eic"), new FileInfo(sandbox.InstalledEic).LinkTarget);
        var help = await sandbox.RunProgramAsync(sandbox.InstalledEic, "--help");
        Assert.True(help.ExitCode == 0, help.ToString());
        Assert.Contains("ssh-config", help.StandardOutput, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Writes_no_systemd_unit_where_no_user_systemd_could_run_it()
    {
        using var sandbox = InstallSandbox.Create();

        var result = await sandbox.InstallAsync();

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("install: no user systemd answers (systemctl --user): no service written; the agent starts on demand", result.StandardOutput, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.GetDirectoryName(sandbox.Unit)), "no systemd folder for a unit nothing runs");
    }

    [SkippableFact]
    public async Task Writes_a_systemd_user_unit_that_runs_the_installed_agent_where_a_user_systemd_answers()
    {
        using var sandbox = InstallSandbox.Create();
        sandbox.FakeRecording("systemctl");

        var result = await sandbox.InstallAsync();

        Assert.True(result.ExitCode == 0, result.ToString());
        var unit = File.ReadAllLines(sandbox.Unit);
        Assert.Contains($"ExecStart=\"{sandbox.InstalledEic}\" agent --socket \"{sandbox.Socket}\"", unit);
        Assert.Contains("Restart=on-failure", unit);
        Assert.Contains("WantedBy=default.target", unit);
    }

    [SkippableFact]
    public async Task Says_what_it_is_doing_before_a_long_build_and_how_long_it_has_been_going()
    {
        using var sandbox = InstallSandbox.Create();
        var built = Checkout.BuiltEic;
        // A native build that takes three seconds and then "produces" the eic this test project was built with.
        sandbox.Fake("dotnet", $"""
            out=; previous=
            for argument; do [ "$previous" = -o ] && out=$argument; previous=$argument; done
            sleep 3; mkdir -p "$out" && cp -R '{built}.' "$out"
            """);
        var environment = new Dictionary<string, string?>(sandbox.Environment) { ["EIC_INSTALL_PROGRESS_SECONDS"] = "1" };

        var result = await ProcessRunner.RunAsync("sh", [Checkout.InstallScript, "-y", "--prefix", sandbox.Prefix], environment);

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.StandardOutput.Split('\n');
        var announced = Array.FindIndex(lines, line => line.StartsWith("install: building eic with Native AOT: this takes 2 to 10 minutes", StringComparison.Ordinal));
        var progress = Array.FindIndex(lines, line => System.Text.RegularExpressions.Regex.IsMatch(line, @"^install:   still building \([0-9]+ s so far; the log is "));
        var finished = Array.FindIndex(lines, line => line.StartsWith("install: built eic with Native AOT in", StringComparison.Ordinal));
        Assert.True(announced >= 0 && announced < progress && progress < finished, result.StandardOutput);
    }

    [SkippableFact]
    public async Task Says_what_it_did_one_line_per_step()
    {
        using var sandbox = InstallSandbox.Create();

        var result = await sandbox.InstallAsync();

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("", result.StandardError);
        var lines = result.StandardOutput.TrimEnd('\n').Split('\n');
        Assert.All(lines, line => Assert.StartsWith("install: ", line, StringComparison.Ordinal));
        Assert.Contains(lines, line => line.StartsWith("install: installed eic in", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.StartsWith("install: wrote ~/.ssh/eic_config", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.StartsWith("install: created ~/.ssh/config", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.StartsWith("install: no user systemd answers", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task The_last_lines_are_commands_that_work_when_pasted_the_PATH_fix_then_the_demo()
    {
        using var sandbox = InstallSandbox.Create();

        var result = await sandbox.InstallAsync();

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.StandardOutput.TrimEnd('\n').Split('\n');
        var note = lines[^2];
        var done = lines[^1];
        const string PathNote = "install: note: ";
        Assert.True(note.StartsWith(PathNote, StringComparison.Ordinal) && note.Contains(" is not on your PATH; add it: ", StringComparison.Ordinal), result.ToString());
        var pathFix = note[(note.IndexOf("add it: ", StringComparison.Ordinal) + "add it: ".Length)..note.IndexOf(", then open a new shell", StringComparison.Ordinal)];

        // Pasted as the note says, a new login shell finds the installed eic.
        var fixedPath = await sandbox.RunProgramAsync("sh", "-c", $"{pathFix} && env -i HOME=\"$HOME\" PATH=/usr/bin:/bin sh -lc 'command -v eic'");
        Assert.True(fixedPath.ExitCode == 0, fixedPath.ToString());
        Assert.Equal(sandbox.InstalledEic, fixedPath.StandardOutput.Trim());

        // The commands that the done line quotes run as written, before PATH is fixed.
        Assert.StartsWith("install: done: try `", done, StringComparison.Ordinal);
        var demo = done.Split('`')[1];
        Assert.EndsWith(" demo", demo, StringComparison.Ordinal);
        var help = await sandbox.RunProgramAsync("sh", "-c", demo + " --help");
        Assert.True(help.ExitCode == 0 && help.StandardOutput.Contains("eic demo [options]", StringComparison.Ordinal), help.ToString());
        Assert.Contains("`ssh NAME.eic`", done, StringComparison.Ordinal);
    }
}
