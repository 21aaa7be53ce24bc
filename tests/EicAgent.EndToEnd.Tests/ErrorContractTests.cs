using EicAgent.Agent.Client;
using EicAgent.Agent.Protocol;
using Xunit;

namespace EicAgent.EndToEnd.Tests;

/// <summary>
/// One error contract for connect@eicagent: any failure is a refusal with its reason and an audit line; a known
/// extension that fails answers EXTENSION_FAILURE, told apart from FAILURE ("not an eic agent").
/// </summary>
[Collection(EicWorldCollection.Name)]
public sealed class ErrorContractTests(EicWorld world)
{
    [Fact]
    public async Task A_host_name_that_cannot_be_parsed_is_refused_with_its_reason_and_audited()
    {
        const string Host = "10.0.0.1.a.b.c.eic";

        await using var audit = AuditFollower.Start(world);

        var proxy = await world.RunAsync(EicWorld.EicPath, ["proxy", "--socket", world.SocketPath, Host, "22", "ec2-user"]);

        Assert.Equal(1, proxy.ExitCode);
        Assert.Equal($"eic: '{Host}': after '10.0.0.1' expected [PROFILE][.REGION].eic, got 'a.b.c'\n", proxy.StandardError);
        var refused = await audit.NextAsync(e => e.GetProperty("event").GetString() == "refused" && e.GetProperty("target").GetString() == Host, "the refused line");
        Assert.Contains("expected [PROFILE][.REGION].eic", refused.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", world.AgentLog, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreadable_connect_request_is_a_refusal_not_a_failure()
    {
        await using var agent = await AgentClient.ConnectAsync(world.SocketPath, CancellationToken.None);

        var reply = await agent.ExtensionAsync("connect@eicagent", [0, 0, 0, 200, 1, 2], CancellationToken.None);

        Assert.Equal(AgentMessageType.Success, reply.Type);
        Assert.Equal(1, reply.Body[0]); // refused, with a reason
    }

    [Fact]
    public async Task A_known_extension_that_fails_answers_extension_failure_and_an_unknown_one_failure()
    {
        await using var agent = await AgentClient.ConnectAsync(world.SocketPath, CancellationToken.None);

        var failed = await agent.ExtensionAsync("push-status@eicagent", [], CancellationToken.None); // before any connect
        var unknown = await agent.ExtensionAsync("no-such@eicagent", [], CancellationToken.None);

        Assert.Equal(AgentMessageType.ExtensionFailure, failed.Type);
        Assert.Equal(AgentMessageType.Failure, unknown.Type);
    }

    [Fact]
    public async Task A_key_pushed_to_an_instance_id_before_its_lookup_refused_the_connection_is_audited_as_both()
    {
        var db = world.Sim.Instance("db-1"); // no public address: --via direct is refused after the lookup
        var pushes = world.PushCount;

        await using var refusals = AuditFollower.Start(world);
        await using var pushLines = AuditFollower.Start(world);

        // Started by a real ssh, as a key is minted only for an ssh client.
        var ssh = await world.SshAsync(
            "-o", $"ProxyCommand='{EicWorld.EicPath}' proxy --socket '{world.SocketPath}' --via direct %h %p %r", db.InstanceId, "true");

        Assert.Equal(255, ssh.ExitCode);
        var refused = await refusals.NextAsync(e => e.GetProperty("event").GetString() == "refused" && e.GetProperty("target").GetString() == db.InstanceId, "the refused line");
        var pushed = await pushLines.NextAsync(e => e.GetProperty("event").GetString() == "push"
            && e.GetProperty("connection").GetString() == refused.GetProperty("connection").GetString(), "the push line of the refused connection");
        // "rode" (and no new push) when another test's key for db-1 and ec2-user was still open.
        Assert.Contains(pushed.GetProperty("result").GetString(), new[] { "pushed", "rode" });
        Assert.InRange(world.PushCount, pushes, pushes + 1);
    }
}
