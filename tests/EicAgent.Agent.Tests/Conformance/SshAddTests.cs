using EicAgent.Agent.Core;
using EicAgent.Agent.Tests.Support;
using EicAgent.Testing;

namespace EicAgent.Agent.Tests.Conformance;

/// <summary>Our agent driven by the real `ssh-add`, as a user would drive it.</summary>
public sealed class SshAddTests : AgentTest
{
    [Fact]
    public async Task An_empty_agent_lists_no_identities()
    {
        var result = await Agent.SshAddAsync("-l");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("The agent has no identities.", result.StandardOutput, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ed25519")]
    [InlineData("rsa")]
    [InlineData("ecdsa", "256")]
    [InlineData("ecdsa", "384")]
    [InlineData("ecdsa", "521")]
    [InlineData("dsa")]
    public async Task An_added_key_is_listed_exactly_as_its_public_file(string type, string? bits = null)
    {
        var key = await OpenSshKey.GenerateAsync(Work, type, bits: bits);

        var added = await Agent.SshAddAsync(key.PrivatePath);
        var listed = await Agent.SshAddAsync("-L");

        Assert.True(added.ExitCode == 0, added.ToString());
        Assert.Equal(key.PublicLine, listed.StandardOutput.Trim());
        var fingerprints = await Agent.SshAddAsync("-l");
        var expected = await ProcessRunner.RunAsync("ssh-keygen", "-l", "-f", key.PublicPath);
        Assert.Equal(expected.StandardOutput.Trim(), fingerprints.StandardOutput.Trim());
    }

    [Theory]
    [InlineData("ed25519")]
    [InlineData("rsa")]
    [InlineData("ecdsa", "256")]
    [InlineData("ecdsa", "384")]
    [InlineData("ecdsa", "521")]
    [InlineData("dsa")]
    public async Task The_agent_signs_what_ssh_add_tests_with_the_public_key(string type, string? bits = null)
    {
        var key = await OpenSshKey.GenerateAsync(Work, type, bits: bits);
        await Agent.SshAddAsync(key.PrivatePath);

        var tested = await Agent.SshAddAsync("-T", key.PublicPath);

        Assert.True(tested.ExitCode == 0, tested.ToString());
    }

    [Fact]
    public async Task Testing_a_key_the_agent_does_not_hold_fails()
    {
        var held = await OpenSshKey.GenerateAsync(Work, "ed25519", "held");
        var other = await OpenSshKey.GenerateAsync(Work, "ed25519", "other");
        await Agent.SshAddAsync(held.PrivatePath);

        var tested = await Agent.SshAddAsync("-T", other.PublicPath);

        Assert.NotEqual(0, tested.ExitCode);
    }

    [Fact]
    public async Task A_key_with_a_lifetime_disappears_when_the_clock_passes_it()
    {
        var key = await OpenSshKey.GenerateAsync(Work, "ed25519");
        var added = await Agent.SshAddAsync("-t", "2", key.PrivatePath);
        Assert.True(added.ExitCode == 0, added.ToString());
        Assert.Equal(0, (await Agent.SshAddAsync("-l")).ExitCode);

        Agent.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(0, (await Agent.SshAddAsync("-l")).ExitCode);
        Agent.Clock.Advance(TimeSpan.FromSeconds(1));

        var listed = await Agent.SshAddAsync("-l");
        Assert.Equal(1, listed.ExitCode);
        Assert.True(await Agent.SshAddAsync("-T", key.PublicPath) is { ExitCode: not 0 });
        Assert.True(Agent.Log.Contains("expired and was wiped"), Agent.Log.ToString());
    }

    [Fact]
    public async Task Confirmation_on_use_is_refused_with_a_clear_reason()
    {
        var key = await OpenSshKey.GenerateAsync(Work, "ed25519");

        var added = await Agent.SshAddAsync("-c", key.PrivatePath);

        Assert.NotEqual(0, added.ExitCode);
        Assert.Equal(1, (await Agent.SshAddAsync("-l")).ExitCode);
        Assert.True(Agent.Log.Contains("confirmation on each use (ssh-add -c) needs a prompt"), Agent.Log.ToString());
    }

    [Fact]
    public async Task Keys_are_removed_one_by_one_and_all_at_once()
    {
        var first = await OpenSshKey.GenerateAsync(Work, "ed25519", "first");
        var second = await OpenSshKey.GenerateAsync(Work, "rsa", "second");
        var third = await OpenSshKey.GenerateAsync(Work, "ed25519", "third");
        foreach (var key in new[] { first, second, third })
        {
            Assert.Equal(0, (await Agent.SshAddAsync(key.PrivatePath)).ExitCode);
        }

        var removed = await Agent.SshAddAsync("-d", first.PrivatePath);
        Assert.True(removed.ExitCode == 0, removed.ToString());
        Assert.Equal([second.PublicLine, third.PublicLine], Lines((await Agent.SshAddAsync("-L")).StandardOutput));

        var removedAll = await Agent.SshAddAsync("-D");
        Assert.True(removedAll.ExitCode == 0, removedAll.ToString());
        Assert.Equal(1, (await Agent.SshAddAsync("-l")).ExitCode);
    }

    [Fact]
    public async Task Removing_a_key_the_agent_does_not_hold_fails()
    {
        var key = await OpenSshKey.GenerateAsync(Work, "ed25519");

        var removed = await Agent.SshAddAsync("-d", key.PrivatePath);

        Assert.NotEqual(0, removed.ExitCode);
    }

    [Fact]
    public async Task A_locked_agent_lists_nothing_and_signs_nothing_until_unlocked()
    {
        var key = await OpenSshKey.GenerateAsync(Work, "ed25519");
        await Agent.SshAddAsync(key.PrivatePath);

        var locked = await RunWithPassphraseAsync("-x", "correct horse");
        Assert.True(locked.ExitCode == 0, locked.ToString());
        Assert.Equal(1, (await Agent.SshAddAsync("-l")).ExitCode);
        Assert.NotEqual(0, (await Agent.SshAddAsync("-T", key.PublicPath)).ExitCode);

        // A wrong passphrase is answered only after a delay on the agent's clock (UnlockThrottle), which the test moves.
        var wrong = RunWithPassphraseAsync("-X", "wrong");
        while (await Task.WhenAny(wrong, Task.Delay(TimeSpan.FromMilliseconds(100))) != wrong)
        {
            Agent.Clock.Advance(UnlockThrottle.Step);
        }

        Assert.NotEqual(0, (await wrong).ExitCode);
        Assert.Equal(1, (await Agent.SshAddAsync("-l")).ExitCode);

        var unlocked = await RunWithPassphraseAsync("-X", "correct horse");

        Assert.True(unlocked.ExitCode == 0, unlocked.ToString());
        Assert.Equal(key.PublicLine, (await Agent.SshAddAsync("-L")).StandardOutput.Trim());
        Assert.Equal(0, (await Agent.SshAddAsync("-T", key.PublicPath)).ExitCode);
    }

    /// <summary>ssh-add asks for a passphrase through SSH_ASKPASS when told to, even without a terminal.</summary>
    private async Task<ProcessResult> RunWithPassphraseAsync(string option, string passphrase)
    {
        var askpass = Work.Combine($"askpass-{Guid.NewGuid():N}");
        await File.WriteAllTextAsync(askpass, $"#!/bin/sh\necho '{passphrase}'\n");
        File.SetUnixFileMode(askpass, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        var environment = new Dictionary<string, string?>(Agent.Environment)
        {
            ["SSH_ASKPASS"] = askpass,
            ["SSH_ASKPASS_REQUIRE"] = "force",
            ["DISPLAY"] = ":0",
        };
        return await ProcessRunner.RunAsync("ssh-add", [option], environment, timeout: TimeSpan.FromSeconds(20));
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
