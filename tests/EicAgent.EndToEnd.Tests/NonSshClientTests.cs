using System.Globalization;
using System.Text.Json;
using EicAgent.Agent.Client;
using EicAgent.Aws.Paths;
using EicAgent.Cli.Connect;
using Xunit;

namespace EicAgent.EndToEnd.Tests;

/// <summary>
/// A process of the same user that is not ssh asks the agent to mint and push a key for itself: `eic proxy` run
/// straight from this test process, and this process speaking connect@eicagent on the socket. Both are refused
/// with the reason, nothing is pushed, and the audit file has a "refused" line.
/// </summary>
[Collection(EicWorldCollection.Name)]
public sealed class NonSshClientTests(EicWorld world)
{
    [Fact]
    public async Task Eic_proxy_started_by_a_process_that_is_not_ssh_gets_no_key()
    {
        var since = DateTimeOffset.UtcNow.AddMilliseconds(-1);
        await using var follower = AuditFollower.Start(world);
        var pushes = world.PushCount;

        var proxy = await world.RunAsync(EicWorld.EicPath, ["proxy", "--socket", world.SocketPath, "web-1.eic", "22", "ec2-user"], standardInput: "");

        var refused = await NextRefusalAsync(follower, since);
        Assert.NotEqual(0, proxy.ExitCode);
        Assert.Contains($"was not started by ssh (its parent {Environment.ProcessId} runs ", proxy.StandardError, StringComparison.Ordinal);
        Assert.Single(proxy.StandardError.Trim().Split('\n'));
        Assert.Contains("was not started by ssh", refused.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(pushes, world.PushCount);
    }

    [Fact]
    public async Task A_connect_request_from_this_test_process_itself_is_refused()
    {
        var since = DateTimeOffset.UtcNow.AddMilliseconds(-1);
        await using var follower = AuditFollower.Start(world);
        var pushes = world.PushCount;
        await using var agent = await AgentClient.ConnectAsync(world.SocketPath, CancellationToken.None);
        var request = new ConnectRequest("web-1.eic", 22, "ec2-user", null, null, NetworkPath.Auto);

        var reply = ConnectReply.Read(await agent.ExtensionAsync(ConnectRequest.ExtensionName, request.Write(), CancellationToken.None));

        Assert.Null(reply.Route);
        Assert.Contains("was not started by ssh", reply.Refusal, StringComparison.Ordinal);
        Assert.Equal("web-1.eic", (await NextRefusalAsync(follower, since)).GetProperty("target").GetString());
        Assert.Equal(pushes, world.PushCount);
    }

    private static Task<JsonElement> NextRefusalAsync(AuditFollower follower, DateTimeOffset since) => follower.NextAsync(
        e => e.GetProperty("event").GetString() == "refused"
            && e.GetProperty("reason").GetString()!.Contains("was not started by ssh", StringComparison.Ordinal)
            && DateTimeOffset.Parse(e.GetProperty("time").GetString()!, CultureInfo.InvariantCulture) >= since,
        "the refused line");
}
