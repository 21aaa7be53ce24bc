using EicAgent.Aws.Instances;
using EicAgent.Aws.Targets;

namespace EicAgent.Aws.Tests;

public sealed class TargetSpecTests
{
    [Theory]
    // No ".eic": the whole host is the target and the flags (defaults) apply.
    [InlineData("i-0123456789abcdef0", "i-0123456789abcdef0", "flagprofile", "flag-region")]
    [InlineData("web-1", "web-1", "flagprofile", "flag-region")]
    [InlineData("web.prod.eu-west-1", "web.prod.eu-west-1", "flagprofile", "flag-region")]
    [InlineData("10.0.0.5", "10.0.0.5", "flagprofile", "flag-region")]
    [InlineData("ip-10-0-0-5.eu-west-1.compute.internal", "ip-10-0-0-5.eu-west-1.compute.internal", "flagprofile", "flag-region")]
    // The suffix form, read from the right; the host name beats the flags.
    [InlineData("web-1.eic", "web-1", "flagprofile", "flag-region")]
    [InlineData("web-1.prod.eic", "web-1", "prod", "flag-region")]
    [InlineData("web-1.eu-west-1.eic", "web-1", "flagprofile", "eu-west-1")]
    [InlineData("web-1.prod.eu-west-1.eic", "web-1", "prod", "eu-west-1")]
    [InlineData("web-1.prod.us-gov-west-1.eic", "web-1", "prod", "us-gov-west-1")]
    [InlineData("web-1.prod.cn-northwest-1.eic", "web-1", "prod", "cn-northwest-1")]
    [InlineData("web-1.WEB.EIC", "web-1", "WEB", "flag-region")]
    [InlineData("i-0123456789abcdef0.staging.eic", "i-0123456789abcdef0", "staging", "flag-region")]
    [InlineData("i-0123456789abcdef0.ap-southeast-4.eic", "i-0123456789abcdef0", "flagprofile", "ap-southeast-4")]
    // A dotted Name tag keeps every label left of the profile.
    [InlineData("web.blue.prod.eu-west-1.eic", "web.blue", "prod", "eu-west-1")]
    [InlineData("web.blue.default.eic", "web.blue", "default", "flag-region")]
    // A region-looking profile name is a region; a non-region last label is a profile.
    [InlineData("web-1.eu-west-1.eu-west-2.eic", "web-1", "eu-west-1", "eu-west-2")]
    [InlineData("web-1.prod-eu.eic", "web-1", "prod-eu", "flag-region")]
    // Addresses and EC2 DNS names are recognised from the left: their dots are not profile or region.
    [InlineData("10.0.0.5.eic", "10.0.0.5", "flagprofile", "flag-region")]
    [InlineData("10.0.0.5.prod.eic", "10.0.0.5", "prod", "flag-region")]
    [InlineData("10.0.0.5.us-east-1.eic", "10.0.0.5", "flagprofile", "us-east-1")]
    [InlineData("10.0.0.5.prod.us-east-1.eic", "10.0.0.5", "prod", "us-east-1")]
    [InlineData("ip-10-0-0-5.eu-west-1.compute.internal.eic", "ip-10-0-0-5.eu-west-1.compute.internal", "flagprofile", "flag-region")]
    [InlineData("ip-10-0-0-5.eu-west-1.compute.internal.prod.eu-west-1.eic", "ip-10-0-0-5.eu-west-1.compute.internal", "prod", "eu-west-1")]
    [InlineData("ip-10-0-0-5.ec2.internal.prod.eic", "ip-10-0-0-5.ec2.internal", "prod", "flag-region")]
    [InlineData("ec2-54-1-2-3.compute-1.amazonaws.com.prod.us-east-1.eic", "ec2-54-1-2-3.compute-1.amazonaws.com", "prod", "us-east-1")]
    [InlineData("ec2-54-1-2-3.cn-north-1.compute.amazonaws.com.cn.china.eic", "ec2-54-1-2-3.cn-north-1.compute.amazonaws.com.cn", "china", "flag-region")]
    [InlineData("2a05:d018::5.prod.eic", "2a05:d018::5", "prod", "flag-region")]
    public void Parse_splits_target_profile_and_region(string host, string target, string profile, string region)
    {
        var spec = TargetSpec.Parse(host, "flagprofile", "flag-region");

        Assert.Equal(new TargetSpec(target, profile, region), spec);
    }

    [Fact]
    public void Without_flags_the_parts_the_host_leaves_out_stay_null()
    {
        Assert.Equal(new TargetSpec("web-1", null, "eu-west-1"), TargetSpec.Parse("web-1.eu-west-1.eic"));
        Assert.Equal(new TargetSpec("web-1", null, null), TargetSpec.Parse("web-1"));
    }

    [Theory]
    [InlineData("", "empty target")]
    [InlineData("web-1..eic", "has an empty label")]
    [InlineData(".eic", "has an empty label")]
    [InlineData("10.0.0.5.prod.staging.eic", "after '10.0.0.5' expected [PROFILE][.REGION].eic, got 'prod.staging'")]
    [InlineData("10.0.0.5.a.b.eu-west-1.eic", "got 'a.b.eu-west-1'")]
    public void Bad_host_names_get_a_one_line_reason(string host, string expected)
    {
        var error = Assert.Throws<FormatException>(() => TargetSpec.Parse(host));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("eu-west-1", true)]
    [InlineData("us-gov-west-1", true)]
    [InlineData("us-isob-east-1", true)]
    [InlineData("eusc-de-east-1", true)]
    [InlineData("ap-northeast-3", true)]
    [InlineData("web-1", false)]
    [InlineData("prod", false)]
    [InlineData("eu-west", false)]
    [InlineData("staging-2", false)]
    public void Regions_are_recognised_by_shape(string label, bool isRegion) => Assert.Equal(isRegion, TargetSpec.LooksLikeRegion(label));

    [Theory]
    [InlineData("i-0123abcd", TargetKind.InstanceId)]
    [InlineData("i-0123456789abcdef0", TargetKind.InstanceId)]
    [InlineData("i-0123456789abcdef", TargetKind.NameTag)]
    [InlineData("i-0123456789ABCDEF0", TargetKind.NameTag)]
    [InlineData("10.1.2.3", TargetKind.Ipv4)]
    [InlineData("10.1.2", TargetKind.NameTag)]
    [InlineData("fe80::1", TargetKind.Ipv6)]
    [InlineData("ec2-54-1-2-3.compute-1.amazonaws.com", TargetKind.PublicDnsName)]
    [InlineData("ip-10-0-0-5.ec2.internal", TargetKind.PrivateDnsName)]
    [InlineData("i-0123456789abcdef0.eu-west-1.compute.internal", TargetKind.PrivateDnsName)]
    [InlineData("db.example.com", TargetKind.NameTag)]
    public void Targets_are_classified_by_shape(string target, TargetKind kind) => Assert.Equal(kind, TargetKinds.Classify(target));
}
