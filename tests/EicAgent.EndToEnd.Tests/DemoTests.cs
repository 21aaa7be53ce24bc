using EicAgent.Testing;
using Xunit;

namespace EicAgent.EndToEnd.Tests;

/// <summary>`eic demo` as a newcomer runs it: it works, and it leaves nothing in the user's own eic files.</summary>
public sealed class DemoTests
{
    [Fact]
    public async Task The_demo_logs_in_and_keeps_its_audit_log_caches_and_socket_out_of_the_users_own()
    {
        using var home = new TemporaryDirectory("eic-demo-user-");
        var state = home.Combine("state");
        var cache = home.Combine("cache");
        var runtime = home.Combine("runtime");
        Directory.CreateDirectory(runtime);

        var result = await ProcessRunner.RunAsync(EicWorld.EicPath, ["demo"], new Dictionary<string, string?>
        {
            ["XDG_STATE_HOME"] = state,
            ["XDG_CACHE_HOME"] = cache,
            ["XDG_RUNTIME_DIR"] = runtime,
            ["EIC_AGENT_SOCK"] = null,
        }, timeout: TimeSpan.FromMinutes(4));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("hello from ec2-user on ", result.StandardOutput, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(state, "eic")), "the demo wrote into the user's audit log directory: " + result);
        Assert.False(Directory.Exists(Path.Combine(cache, "eic")), "the demo wrote into the user's cache: " + result);
        Assert.Empty(Directory.EnumerateFileSystemEntries(runtime));
        Assert.EndsWith(
            "next: with your own AWS credentials, `eic ls` lists your instances and `ssh NAME.eic` logs in to one; `eic doctor NAME.eic` checks the way there",
            result.StandardOutput.TrimEnd('\n'), StringComparison.Ordinal);
    }
}
