using EicAgent.Simulator.Policy;
using EicAgent.Testing;
using Xunit;

namespace EicAgent.Simulator.Tests;

/// <summary>Policy files that are not valid give one clear line naming the file and the problem.</summary>
public sealed class PolicyFileTests
{
    [Theory]
    [InlineData("{ not json", "policy.json: ")]
    [InlineData("[]", "must be a JSON object")]
    [InlineData("{ \"callers\": [] }", "\"allow\" must be an array")]
    [InlineData("{ \"allow\": [ { \"action\": 3 } ] }", "allow[0].action must be a string or an array of strings")]
    [InlineData("{ \"allow\": [ { \"user\": \"x\" } ] }", "allow[0]: unknown field \"user\"")]
    [InlineData("{ \"allow\": [], \"callers\": [ { \"accessKeyId\": \"A\" } ] }", "callers[0].secretAccessKey must be a string")]
    [InlineData("{ \"allow\": [ { \"maxTunnelDuration\": 3601 } ] }", "allow[0].maxTunnelDuration must be a whole number of seconds from 1 to 3600")]
    [InlineData("{ \"allow\": [ { \"maxTunnelDuration\": \"900\" } ] }", "allow[0].maxTunnelDuration must be a whole number of seconds from 1 to 3600")]
    public void An_invalid_policy_file_is_refused_with_a_reason(string json, string reason)
    {
        using var directory = new TemporaryDirectory();
        var path = directory.Combine("policy.json");
        File.WriteAllText(path, json);

        var error = Assert.Throws<InvalidDataException>(() => AccessPolicy.Load(path));

        Assert.StartsWith($"policy {path}: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void A_missing_policy_file_is_refused_with_a_reason()
    {
        var error = Assert.Throws<InvalidDataException>(() => AccessPolicy.Load("/nonexistent/policy.json"));

        Assert.StartsWith("policy /nonexistent/policy.json: cannot read it: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Statements_match_caller_action_instance_and_user_with_wildcards()
    {
        var policy = PolicyFile.Parse("""
            { "allow": [ { "caller": "arn:aws:iam::*:user/bob", "action": "ec2-instance-connect:Send*", "instance": "i-0a*", "osUser": ["ec2-user", "ubuntu"] } ] }
            """);
        var bob = SimulatedCaller.Default with { Arn = "arn:aws:iam::111122223333:user/bob" };

        Assert.True(policy.Allows(bob, "ec2-instance-connect:SendSSHPublicKey", "i-0a1", "ubuntu"));
        Assert.False(policy.Allows(bob, "ec2-instance-connect:SendSSHPublicKey", "i-0b1", "ubuntu"));
        Assert.False(policy.Allows(bob, "ec2-instance-connect:SendSSHPublicKey", "i-0a1", "root"));
        Assert.False(policy.Allows(SimulatedCaller.Default, "ec2-instance-connect:SendSSHPublicKey", "i-0a1", "ubuntu"));
        Assert.False(policy.Allows(bob, "ec2:DescribeInstances"));
        Assert.True(policy.Allows(SimulatedCaller.Default, "sts:GetCallerIdentity"));
    }

    [Fact]
    public void A_tunnel_cap_refuses_a_longer_maxTunnelDuration_and_lets_one_within_it_or_none_through()
    {
        var policy = PolicyFile.Parse("""
            { "allow": [ { "action": "ec2-instance-connect:OpenTunnel", "maxTunnelDuration": 1800 } ] }
            """);
        var caller = SimulatedCaller.Default;

        Assert.False(policy.Allows(caller, "ec2-instance-connect:OpenTunnel", "i-0a1", tunnelSeconds: 1801));
        Assert.True(policy.Allows(caller, "ec2-instance-connect:OpenTunnel", "i-0a1", tunnelSeconds: 1800));
        Assert.True(policy.Allows(caller, "ec2-instance-connect:OpenTunnel", "i-0a1"));
    }
}
