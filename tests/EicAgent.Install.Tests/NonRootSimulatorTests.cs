using System.Text.RegularExpressions;
using EicAgent.Testing;

namespace EicAgent.Install.Tests;

/// <summary>
/// The README's first path: a normal user installs eic, starts `eic sim`, pastes what it prints into a shell and
/// runs the "Use" commands as written. Off root the instances' sshd listen on 2222 and let in only that user.
/// </summary>
public sealed class NonRootSimulatorTests
{
    // Runs as the user: eic sim in the background, its output sourced, then each README command with a marker line.
    // Off root /tmp is the machine's own, so the scp'd file is removed again.
    private const string Session = """
        set -u
        cd "$HOME" && mkdir work && cd work
        eic sim > ../sim.out 2> ../sim.err &
        sim=$!
        trap 'kill $sim; wait $sim; sed "s/^/sim: /" ../sim.err >&2' EXIT
        for i in $(seq 120); do grep -q 'Ctrl-C stops' ../sim.out 2>/dev/null && break; sleep 1; done
        . ../sim.out
        mkdir site && echo hello > site/index.html && echo data > build.tar.gz
        echo "== ssh"; ssh i-0a1b2c3d4e5f00001 'hostname; echo "$HOME"'
        echo "== ubuntu"; ssh ubuntu@web-1.eic true 2>&1
        echo "== scp"; scp build.tar.gz web-1.eic:/tmp/ 2>&1 && echo scp-ok && ssh web-1.eic rm /tmp/build.tar.gz
        echo "== rsync"; rsync -a ./site/ web-1.eic:site/ && ssh web-1.eic cat site/index.html
        echo "== sftp"; echo ls | sftp -q -b - web-1.eic
        echo "== git"; ssh web-1.eic 'git init -q --bare repos/app.git' && git clone -q web-1.eic:repos/app.git 2>/dev/null && echo git-ok
        echo "== eice"; ssh db-1.eic 'echo reached db-1'
        echo "== end"
        """;

    [SkippableFact]
    public async Task The_README_use_commands_work_as_written_against_a_non_root_eic_sim()
    {
        Skip.If(Environment.UserName != "root", "creating a user to run the simulator as needs root");
        Skip.IfNot(new[] { "useradd", "userdel", "runuser", "ssh", "sshd", "rsync", "git" }.All(Programs.IsInstalled), "needs useradd, runuser, ssh, sshd, rsync and git");
        await using var user = await SystemUser.CreateAsync();
        var built = await user.GiveAsync(Checkout.BuiltEic, "built-eic");
        var script = await user.GiveAsync(Checkout.InstallScript, "install");
        var path = $"{user.Home}/.local/bin:/usr/local/bin:/usr/bin:/bin";
        var installed = await user.RunAsync(path, "sh", script, "-y", "--from", built);
        Assert.True(installed.ExitCode == 0, installed.ToString());

        // A simulator start and some thirty logins: minutes on a busy machine, not the 60 s of a single command.
        var run = await ProcessRunner.RunAsync(
            "runuser", ["-u", user.Name, "--", "env", "-i", $"HOME={user.Home}", $"PATH={path}", "bash", "-c", Session], timeout: TimeSpan.FromMinutes(5));
        var output = run.StandardOutput;

        Assert.True(output.Contains("== end", StringComparison.Ordinal) && output.Contains("scp-ok", StringComparison.Ordinal), run.ToString());
        Assert.True(
            Regex.IsMatch(output, @"== ssh\n\S+\n/tmp/eic-sim-\w+/i-0a1b2c3d4e5f00001/home/" + user.Name + "\n"),
            $"the first ssh did not print the instance's hostname and home:\n{run}");
        Assert.Contains("ubuntu@web-1.eic: Permission denied (publickey)", output, StringComparison.Ordinal);
        Assert.Contains("scp-ok", output, StringComparison.Ordinal);
        Assert.Contains("== rsync\nhello\n", output, StringComparison.Ordinal);
        Assert.Matches(@"sftp> ls\n.*site", output);
        Assert.Contains("git-ok", output, StringComparison.Ordinal);
        Assert.Contains("reached db-1", output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(user.Home, "site")), "rsync wrote into the user's real home");
        Assert.False(Directory.Exists(Path.Combine(user.Home, "repos")), "git wrote into the user's real home");
    }
}
