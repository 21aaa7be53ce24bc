using EicAgent.Testing;

namespace EicAgent.Agent.Tests.Conformance;

/// <summary>
/// OpenSSH's own agent regress tests (Debian package openssh-tests), with the real `eic agent` started the way
/// they start `ssh-agent` (tests/openssh-regress/eic-ssh-agent). Each script must say "ok", not fail or skip.
/// </summary>
public sealed class OpenSshRegressTests
{
    private const string RegressDirectory = "/usr/lib/openssh/regress";

    [SkippableTheory]
    [InlineData("agent", "simple agent test")]
    [InlineData("agent-timeout", "agent timeout test")]
    [InlineData("agent-getpeereid", "disallow agent attach from other uid")]
    [InlineData("agent-ptrace", "disallow agent ptrace attach")]
    [InlineData("agent-restrict", "agent restrictions")]
    public async Task OpenSSHs_agent_regress_test_passes_against_eic_agent(string script, string title)
    {
        Skip.IfNot(Directory.Exists(RegressDirectory), $"{RegressDirectory} is missing (apt-get install openssh-tests)");
        Skip.IfNot(File.Exists(SshServer.SshdPath), "sshd is not installed (apt-get install openssh-server)");
        Skip.If(Environment.UserName != "root" && !File.Exists("/usr/bin/sudo"), "needs root, or sudo, to run sshd and switch users");

        var result = await ProcessRunner.RunAsync(
            "sh", [RunnerPath(), Path.Combine(AppContext.BaseDirectory, "eic"), script], timeout: TimeSpan.FromMinutes(20));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"ok {title}", result.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("skipped", result.StandardOutput, StringComparison.OrdinalIgnoreCase);
    }

    private static string RunnerPath()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var runner = Path.Combine(directory.FullName, "tests", "openssh-regress", "run-agent-regress");
            if (File.Exists(runner))
            {
                return runner;
            }
        }

        throw new FileNotFoundException("tests/openssh-regress/run-agent-regress not found above " + AppContext.BaseDirectory);
    }
}
