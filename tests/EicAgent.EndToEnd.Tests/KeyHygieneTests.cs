using System.Text.RegularExpressions;
using EicAgent.Testing;
using Xunit;

namespace EicAgent.EndToEnd.Tests;

/// <summary>Minted keys live in the agent's memory only, for one connection: used once, then gone.</summary>
[Collection(EicWorldCollection.Name)]
public sealed partial class KeyHygieneTests(EicWorld world)
{
    /// <summary>
    /// Concurrent logins of one caller to one instance and user may share a pushed key ("Many connections to one
    /// instance" in README): it stays only while further connections may ride on it (its first 30 s), then is gone.
    /// </summary>
    [Fact]
    public async Task After_its_logins_a_minted_key_is_forgotten_and_was_never_offered_to_other_clients()
    {
        var web2 = world.Sim.Instance("web-2");
        var mark = web2.SshdLog.LineCount;

        var logins = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => world.SshAsync("web-2.eic", "true")));

        Assert.All(logins, login => Assert.True(login.ExitCode == 0, login + world.AgentLog));
        await web2.SshdLog.WaitForLinesAsync(line => line.Contains("Accepted publickey", StringComparison.Ordinal), mark, 3, TimeSpan.FromMinutes(2));
        var usedFingerprints = web2.SshdLog.LinesAfter(mark).Select(line => AcceptedKey().Match(line)).Where(m => m.Success).Select(m => m.Groups[1].Value).Distinct().ToArray();
        Assert.NotEmpty(usedFingerprints);

        var list = await world.RunAsync("ssh-add", ["-l"], extraEnvironment: new Dictionary<string, string?> { ["SSH_AUTH_SOCK"] = world.SocketPath });
        Assert.Equal(1, list.ExitCode);
        Assert.Contains("no identities", list.StandardOutput);

        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (true)
        {
            var status = await world.RunAsync(EicWorld.EicPath, ["status", "--socket", world.SocketPath]);
            Assert.True(status.ExitCode == 0, status.ToString());
            if (!usedFingerprints.Any(used => status.StandardOutput.Contains(used, StringComparison.Ordinal)))
            {
                break;
            }

            Assert.True(DateTime.UtcNow < deadline, $"a used key is still held 2 minutes after its logins:\n{status}");
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }

    [Fact]
    public async Task A_key_whose_ssh_never_asked_for_it_is_held_only_until_it_expires_and_only_for_that_ssh()
    {
        // ssh with IdentityAgent=none never asks our agent: the key minted for it waits, bound to that ssh alone. As a
        // user no other test of this world connects as, so that it mints a key of its own rather than ride on one
        // whose 30 s for riders may end before `eic status` looks.
        var unused = await world.SshAsync("-o", "IdentityAgent=none", "root@web-2.eic", "true");
        Assert.NotEqual(0, unused.ExitCode);

        var status = await world.RunAsync(EicWorld.EicPath, ["status", "--socket", world.SocketPath]);

        Assert.Matches(@"minted keys held: [1-9]", status.StandardOutput);
        Assert.Matches(@"SHA256:\S+ for root, bound to ssh pid \d+, forgotten in \d+ s", status.StandardOutput);
        var list = await world.RunAsync("ssh-add", ["-l"], extraEnvironment: new Dictionary<string, string?> { ["SSH_AUTH_SOCK"] = world.SocketPath });
        Assert.Equal(1, list.ExitCode);
    }

    /// <summary>
    /// An agent and proxy of this test alone, whose every writable place (HOME, TMPDIR, XDG_*) is inside one
    /// directory: only that directory is searched, so other programs on a busy machine cannot fail the test.
    /// </summary>
    [Fact]
    public async Task No_private_key_is_written_to_the_disk_by_the_agent_or_the_proxy()
    {
        using var home = new TemporaryDirectory("eic-hygiene-");
        var places = new Dictionary<string, string?>
        {
            ["HOME"] = home.Path, ["TMPDIR"] = home.Combine("tmp"), ["XDG_RUNTIME_DIR"] = home.Combine("run"),
            ["XDG_CACHE_HOME"] = home.Combine("cache"), ["XDG_STATE_HOME"] = home.Combine("state"), ["XDG_CONFIG_HOME"] = home.Combine("config"),
        };
        foreach (var place in places.Values)
        {
            Directory.CreateDirectory(place!);
        }

        var socket = home.Combine("run", "agent.sock");
        try
        {
            var login = await world.RunAsync("ssh",
                ["-F", world.ConfigPath, .. EicWorld.OwnAgentOptions(socket), "web-1.eic", "true"],
                extraEnvironment: places);
            login.AssertExitCode(0);
        }
        finally
        {
            await world.StopAgentAsync(socket);
        }

        var written = SafeFiles(home.Path).Where(ContainsPrivateKey).ToArray();
        Assert.True(written.Length == 0, string.Join('\n', written));
    }

    [GeneratedRegex(@"Accepted publickey for \S+ from \S+ port \d+ ssh2: ED25519 (SHA256:\S+)")]
    private static partial Regex AcceptedKey();

    private static IEnumerable<string> SafeFiles(string root)
    {
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint, MaxRecursionDepth = 6 };
        return Directory.EnumerateFiles(root, "*", options).Where(file => new FileInfo(file).Length is > 0 and < 64 * 1024);
    }

    private static bool ContainsPrivateKey(string file)
    {
        try
        {
            return File.ReadAllText(file).Contains("PRIVATE KEY-----", StringComparison.Ordinal);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
