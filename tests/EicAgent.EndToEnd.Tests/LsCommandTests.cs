using System.Text.Json;
using EicAgent.Simulator;
using EicAgent.Simulator.Fleet;
using EicAgent.Simulator.Policy;
using Xunit;

namespace EicAgent.EndToEnd.Tests;

/// <summary>`eic ls` against the simulated fleet: every instance, its path and its default user.</summary>
[Collection(EicWorldCollection.Name)]
public sealed class LsCommandTests(EicWorld world)
{
    [Fact]
    public async Task Json_lists_every_instance_with_path_and_user()
    {
        var ls = await world.RunAsync(EicWorld.EicPath, ["ls", "--json"]);
        Assert.True(ls.ExitCode == 0, ls.ToString());

        using var json = JsonDocument.Parse(ls.StandardOutput);
        var rows = json.RootElement.GetProperty("instances").EnumerateArray().ToList();
        Assert.Equal(world.Sim.Instances.Select(i => i.InstanceId).Order(), rows.Select(r => r.GetProperty("instanceId").GetString()).Order());
        Assert.Equal(2, rows.Count(r => r.GetProperty("name").GetString() == "worker"));

        JsonElement Row(string name) => rows.Single(r => r.GetProperty("name").GetString() == name);
        Assert.Equal("endpoint", Row("db-1").GetProperty("path").GetString());
        Assert.Equal(JsonValueKind.Null, Row("db-1").GetProperty("publicIp").ValueKind);
        Assert.Equal("ubuntu", Row("ubuntu-1").GetProperty("user").GetString());
        Assert.False(Row("ubuntu-1").GetProperty("userIsGuess").GetBoolean());
        Assert.Equal("ec2-user", Row("web-1").GetProperty("user").GetString());
        Assert.Equal("direct", Row("web-1").GetProperty("path").GetString());
        Assert.Equal(world.Sim.Instance("web-1").PublicIpAddress, Row("web-1").GetProperty("publicIp").GetString());
        Assert.Equal("stopped", Row("stopped-1").GetProperty("state").GetString());
        Assert.Equal("none", Row("stopped-1").GetProperty("path").GetString());
    }

    [Fact]
    public async Task The_table_has_a_row_per_instance_that_says_why_each_path()
    {
        var ls = await world.RunAsync(EicWorld.EicPath, ["ls"]);
        Assert.True(ls.ExitCode == 0, ls.ToString());

        var lines = ls.StandardOutput.TrimEnd('\n').Split('\n');
        Assert.StartsWith("NAME ", lines[0], StringComparison.Ordinal);
        Assert.Equal(world.Sim.Instances.Count + 1, lines.Length);
        string Line(string id) => lines.Single(line => line.Contains(id, StringComparison.Ordinal));
        Assert.Contains("endpoint (no public address; eice-", Line(world.Sim.Instance("db-1").InstanceId), StringComparison.Ordinal);
        Assert.Matches(@"^ubuntu-1 .* ubuntu +direct \(public address ", Line(world.Sim.Instance("ubuntu-1").InstanceId));
        Assert.Contains(" stopped ", Line(world.Sim.Instance("stopped-1").InstanceId), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_profile_is_one_line_and_a_failure()
    {
        var ls = await world.RunAsync(EicWorld.EicPath, ["ls", "--profile", "nosuchprofile"]);

        Assert.Equal(1, ls.ExitCode);
        Assert.Equal("", ls.StandardOutput);
        Assert.Single(ls.StandardError.TrimEnd('\n').Split('\n'));
        Assert.Contains("nosuchprofile", ls.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_caller_who_may_only_describe_instances_still_gets_the_list_with_honest_doubts()
    {
        var fleet = new FleetDefinition(
            [.. FleetDefinition.Default.Instances.Where(i => i.Name is "db-1" or "ubuntu-1")], FleetDefinition.Default.ConnectEndpoints);
        var policy = AccessPolicy.Allow([new PolicyStatement(["*"], ["ec2:DescribeInstances", "sts:*"], ["*"], ["*"])]);
        await using var narrowAws = await Simulator.Simulator.StartAsync(new SimulatorOptions { Fleet = fleet, Policy = policy });

        var ls = await world.RunAsync(EicWorld.EicPath, ["ls", "--json"], extraEnvironment: narrowAws.Environment.ToDictionary(e => e.Key, e => (string?)e.Value));

        Assert.True(ls.ExitCode == 0, ls.ToString());
        using var json = JsonDocument.Parse(ls.StandardOutput);
        var rows = json.RootElement.GetProperty("instances").EnumerateArray().ToDictionary(r => r.GetProperty("name").GetString()!);
        Assert.Equal("none", rows["db-1"].GetProperty("path").GetString());
        Assert.Contains("refused", rows["db-1"].GetProperty("pathReason").GetString(), StringComparison.Ordinal);
        Assert.Equal("ec2-user", rows["ubuntu-1"].GetProperty("user").GetString());
        Assert.True(rows["ubuntu-1"].GetProperty("userIsGuess").GetBoolean());
        Assert.Contains(narrowAws.Requests, r => r.Operation == "DescribeImages" && r.StatusCode == 403);
        Assert.Contains(narrowAws.Requests, r => r.Operation == "DescribeInstanceConnectEndpoints" && r.StatusCode == 403);
    }
}
