using Amazon.EC2;
using Amazon.EC2.Model;
using Xunit;

namespace EicAgent.Simulator.Tests;

/// <summary>The unmodified AmazonEC2Client sets and removes tags (any characters, as EC2 allows) with CreateTags / DeleteTags.</summary>
public sealed class Ec2TagTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    private Simulator Sim => fixture.Simulator;

    [Theory]
    [InlineData("x\nMatch all\nProxyCommand touch /tmp/pwned\n#")]
    [InlineData("carriage\rreturn \"quoted\" 'single' 100% w*1?")]
    [InlineData("\u001b]0;title\u0007\u001b[31mred")]
    public async Task Any_tag_value_set_with_CreateTags_comes_back_from_DescribeInstances(string value)
    {
        using var ec2 = fixture.Ec2();
        var id = Sim.Instance("web-2").InstanceId;

        await ec2.CreateTagsAsync(new CreateTagsRequest { Resources = [id], Tags = [new Tag("hostile", value)] });
        var described = await DescribeAsync(ec2, id);

        Assert.Equal(value, described.Tags.Single(tag => tag.Key == "hostile").Value);
        Assert.Equal(value, Sim.Instances.Single(i => i.InstanceId == id).Tags["hostile"]);
    }

    [Fact]
    public async Task DeleteTags_removes_a_tag_only_while_it_has_the_value_given()
    {
        using var ec2 = fixture.Ec2();
        var id = Sim.Instance("ubuntu-1").InstanceId;
        await ec2.CreateTagsAsync(new CreateTagsRequest { Resources = [id], Tags = [new Tag("a", "1"), new Tag("b", "2")] });

        await ec2.DeleteTagsAsync(new DeleteTagsRequest { Resources = [id], Tags = [new Tag("a", "other"), new Tag { Key = "b" }] });
        var tags = (await DescribeAsync(ec2, id)).Tags;

        Assert.Contains(tags, tag => tag.Key == "a" && tag.Value == "1");
        Assert.DoesNotContain(tags, tag => tag.Key == "b");
    }

    [Fact]
    public async Task Tagging_an_unknown_instance_or_a_reserved_key_is_refused_as_EC2_does()
    {
        using var ec2 = fixture.Ec2();

        var unknown = await Assert.ThrowsAsync<AmazonEC2Exception>(() =>
            ec2.CreateTagsAsync(new CreateTagsRequest { Resources = ["i-0fffffffffffffff0"], Tags = [new Tag("a", "b")] }));
        var reserved = await Assert.ThrowsAsync<AmazonEC2Exception>(() =>
            ec2.CreateTagsAsync(new CreateTagsRequest { Resources = [Sim.Instance("web-1").InstanceId], Tags = [new Tag("aws:x", "b")] }));

        Assert.Equal("InvalidInstanceID.NotFound", unknown.ErrorCode);
        Assert.Equal("InvalidParameterValue", reserved.ErrorCode);
    }

    private static async Task<Instance> DescribeAsync(AmazonEC2Client ec2, string id) =>
        (await ec2.DescribeInstancesAsync(new DescribeInstancesRequest { InstanceIds = [id] })).Reservations.Single().Instances.Single();
}
