using System.Net;
using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.SecurityToken.Model;
using EicAgent.Simulator.Policy;
using EicAgent.Testing;
using Xunit;

namespace EicAgent.Simulator.Tests;

/// <summary>
/// A simulator started from a policy file: the default caller may do everything, bob may list instances and push keys
/// to web-1 as ec2-user only, carol (a known identity) may do nothing.
/// </summary>
public sealed class PolicyFixture : SimulatorFixture
{
    public const string Policy = """
        {
          "callers": [
            { "accessKeyId": "AKIAEXAMPLEBOB000001", "secretAccessKey": "bob-secret-access-key-0000000000000000001",
              "arn": "arn:aws:iam::123456789012:user/bob", "userId": "AIDAEXAMPLEBOB00001" },
            { "accessKeyId": "AKIAEXAMPLECAROL0001", "secretAccessKey": "carol-secret-access-key-000000000000000001",
              "arn": "arn:aws:iam::123456789012:user/carol", "userId": "AIDAEXAMPLECAROL0001" }
          ],
          "allow": [
            { "caller": "arn:aws:iam::123456789012:user/eic-sim", "action": "*" },
            { "caller": "AKIAEXAMPLEBOB000001", "action": ["ec2:Describe*"] },
            { "caller": "arn:aws:iam::*:user/bob", "action": "ec2-instance-connect:SendSSHPublicKey",
              "instance": "i-0a1b2c3d4e5f00001", "osUser": "ec2-user" }
          ]
        }
        """;

    public SimulatedCaller Bob => Simulator.Callers.Single(c => c.Arn.EndsWith("/bob", StringComparison.Ordinal));

    public SimulatedCaller Carol => Simulator.Callers.Single(c => c.Arn.EndsWith("/carol", StringComparison.Ordinal));

    protected override SimulatorOptions Options()
    {
        using var directory = new TemporaryDirectory();
        File.WriteAllText(directory.Combine("policy.json"), Policy);
        return base.Options() with { Policy = AccessPolicy.Load(directory.Combine("policy.json")) };
    }
}

public sealed class PolicyTests(PolicyFixture fixture) : IClassFixture<PolicyFixture>
{
    private Simulator Sim => fixture.Simulator;

    [Fact]
    public async Task Bob_may_list_instances_and_carol_may_not()
    {
        using var bob = fixture.Ec2(fixture.Bob);
        using var carol = fixture.Ec2(fixture.Carol);

        var listed = await bob.DescribeInstancesAsync(new DescribeInstancesRequest());
        var refused = await Assert.ThrowsAsync<AmazonEC2Exception>(() => carol.DescribeInstancesAsync(new DescribeInstancesRequest()));
        var consoleRefused = await Assert.ThrowsAsync<AmazonEC2Exception>(() =>
            bob.GetConsoleOutputAsync(new GetConsoleOutputRequest { InstanceId = Sim.Instance("web-1").InstanceId }));

        Assert.Equal(Sim.Instances.Count, listed.Reservations.Count);
        Assert.Equal("UnauthorizedOperation", refused.ErrorCode);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("arn:aws:iam::123456789012:user/carol is not authorized to perform: ec2:DescribeInstances", refused.Message, StringComparison.Ordinal);
        Assert.Equal("UnauthorizedOperation", consoleRefused.ErrorCode);
    }

    [Fact]
    public async Task Security_groups_are_readable_with_a_describe_permission_only()
    {
        using var bob = fixture.Ec2(fixture.Bob);
        using var carol = fixture.Ec2(fixture.Carol);

        var described = await bob.DescribeSecurityGroupsAsync(new DescribeSecurityGroupsRequest());
        var refused = await Assert.ThrowsAsync<AmazonEC2Exception>(() => carol.DescribeSecurityGroupsAsync(new DescribeSecurityGroupsRequest()));

        Assert.NotEmpty(described.SecurityGroups);
        Assert.Equal("UnauthorizedOperation", refused.ErrorCode);
        Assert.Contains("is not authorized to perform: ec2:DescribeSecurityGroups", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("web-1", "ec2-user", HttpStatusCode.OK)]
    [InlineData("web-1", "admin", HttpStatusCode.Forbidden)]
    [InlineData("web-2", "ec2-user", HttpStatusCode.Forbidden)]
    public async Task Bob_may_push_keys_only_where_the_policy_says(string instance, string user, HttpStatusCode expected)
    {
        using var key = await SshClientKey.CreateAsync();

        var answer = await fixture.InstanceConnect.SendSshPublicKeyAsync(Sim.Instance(instance).InstanceId, user, key.PublicKey, fixture.Bob);

        Assert.Equal(expected, answer.Status);
        if (expected == HttpStatusCode.Forbidden)
        {
            Assert.Equal("com.amazonaws.ec2.instanceconnect#AuthException", answer.Json.GetProperty("__type").GetString());
        }
    }

    [SkippableFact]
    public async Task Refused_pushes_do_not_let_the_key_in_and_allowed_ones_do()
    {
        using var key = await SshClientKey.CreateAsync();
        var web1 = Sim.Instance("web-1");

        await fixture.InstanceConnect.SendSshPublicKeyAsync(web1.InstanceId, "admin", key.PublicKey, fixture.Bob);
        var refusedLogin = await key.LoginAsync(web1, "admin");
        await fixture.InstanceConnect.SendSshPublicKeyAsync(web1.InstanceId, "ec2-user", key.PublicKey, fixture.Bob);
        var allowedLogin = await key.LoginAsync(web1, "ec2-user");

        Assert.Equal(255, refusedLogin.ExitCode);
        Assert.True(allowedLogin.ExitCode == 0, allowedLogin.ToString());
    }

    [Fact]
    public async Task Anyone_known_may_ask_who_they_are()
    {
        using var carol = fixture.Sts(fixture.Carol);

        var identity = await carol.GetCallerIdentityAsync(new GetCallerIdentityRequest());

        Assert.Equal("arn:aws:iam::123456789012:user/carol", identity.Arn);
    }
}
