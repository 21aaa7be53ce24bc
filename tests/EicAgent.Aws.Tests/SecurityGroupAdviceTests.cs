using EicAgent.Aws.Diagnostics;
using Xunit;

namespace EicAgent.Aws.Tests;

/// <summary>Which inbound rules let the direct path or an Instance Connect Endpoint reach sshd, in the words doctor prints.</summary>
public sealed class SecurityGroupAdviceTests
{
    private const string EndpointGroup = "sg-0e1ce";

    [Theory]
    [InlineData("tcp", 22, 22, "0.0.0.0/0", "sg-0abc (web) allows tcp 22 from 0.0.0.0/0")]
    [InlineData("6", 20, 30, "0.0.0.0/0", "sg-0abc (web) allows tcp 22 from 0.0.0.0/0")]
    [InlineData("-1", null, null, "0.0.0.0/0", "sg-0abc (web) allows tcp 22 from 0.0.0.0/0")]
    public void Direct_passes_when_a_rule_opens_22_to_the_internet(string protocol, int? from, int? to, string cidr, string detail)
    {
        var verdict = SecurityGroupAdvice.ForDirect([Group("sg-0abc", "web", Rule(protocol, from, to, cidr))]);

        Assert.Equal(new SecurityGroupVerdict(true, detail), verdict);
    }

    [Fact]
    public void Direct_to_an_ipv6_address_passes_only_with_an_ipv6_rule_and_the_ipv4_path_only_with_an_ipv4_one()
    {
        var fromAnywhere = Group("sg-0abc", "web", Rule("tcp", 0, 65535, "::/0"), Rule("tcp", 22, 22, "0.0.0.0/0"));
        var ipv4Only = Group("sg-0abc", "web", Rule("tcp", 22, 22, "0.0.0.0/0"));
        var ipv6Only = Group("sg-0abc", "web", Rule("tcp", 22, 22, "2001:db8::/32"));

        Assert.Equal(new SecurityGroupVerdict(true, "sg-0abc (web) allows tcp 22 from ::/0"), SecurityGroupAdvice.ForDirect([fromAnywhere], ipv6: true));
        Assert.Equal(new SecurityGroupVerdict(true, "sg-0abc (web) allows tcp 22 from 0.0.0.0/0"), SecurityGroupAdvice.ForDirect([fromAnywhere]));
        Assert.Equal(
            new SecurityGroupVerdict(false, "sg-0abc (web) allows tcp 22 only from 0.0.0.0/0, which an IPv6 connection is not in: connections time out"),
            SecurityGroupAdvice.ForDirect([ipv4Only], ipv6: true));
        Assert.Equal(
            new SecurityGroupVerdict(false, "sg-0abc (web) allows tcp 22 only from 2001:db8::/32, which an IPv4 connection is not in: connections time out"),
            SecurityGroupAdvice.ForDirect([ipv6Only]));
        Assert.Equal(
            new SecurityGroupVerdict(true, "sg-0abc (web) allows tcp 22 only from 2001:db8::/32: your address must be in it"),
            SecurityGroupAdvice.ForDirect([ipv6Only], ipv6: true));
    }

    [Fact]
    public void Direct_passes_naming_the_CIDRs_when_22_is_open_only_to_some()
    {
        var verdict = SecurityGroupAdvice.ForDirect([
            Group("sg-0abc", "web", Rule("tcp", 22, 22, "203.0.113.0/24"), Rule("tcp", 443, 443, "0.0.0.0/0")),
        ]);

        Assert.Equal(new SecurityGroupVerdict(true, "sg-0abc (web) allows tcp 22 only from 203.0.113.0/24: your address must be in it"), verdict);
    }

    [Fact]
    public void Direct_passes_naming_a_managed_prefix_list_that_opens_22()
    {
        var verdict = SecurityGroupAdvice.ForDirect([Group("sg-0abc", "web", Rule("tcp", 22, 22, "pl-0123456789abcdef0"))]);

        Assert.Equal(new SecurityGroupVerdict(true, "sg-0abc (web) allows tcp 22 only from pl-0123456789abcdef0: your address must be in it"), verdict);
    }

    [Fact]
    public void Direct_prefers_the_rule_from_anywhere_in_a_second_group()
    {
        var verdict = SecurityGroupAdvice.ForDirect([
            Group("sg-0abc", "office", Rule("tcp", 22, 22, "203.0.113.0/24")),
            Group("sg-0def", null, Rule("tcp", 22, 22, "0.0.0.0/0")),
        ]);

        Assert.Equal(new SecurityGroupVerdict(true, "sg-0def allows tcp 22 from 0.0.0.0/0"), verdict);
    }

    [Theory]
    [InlineData("tcp", 443, 443)]
    [InlineData("udp", 22, 22)]
    [InlineData("icmp", -1, -1)]
    public void Direct_fails_when_no_rule_opens_tcp_22(string protocol, int from, int to)
    {
        var verdict = SecurityGroupAdvice.ForDirect([Group("sg-0abc", "web", Rule(protocol, from, to, "0.0.0.0/0"))]);

        Assert.Equal(new SecurityGroupVerdict(false, "no inbound rule of sg-0abc (web) allows tcp 22: connections time out"), verdict);
    }

    [Fact]
    public void Direct_fails_when_22_is_open_only_to_another_security_group()
    {
        var verdict = SecurityGroupAdvice.ForDirect([Group("sg-0abc", "web", FromGroup("sg-0bastion"))]);

        Assert.False(verdict.Allows);
        Assert.Equal("sg-0abc (web) allows tcp 22 only from security group sg-0bastion, which a connection from the internet is not in", verdict.Detail);
    }

    [Fact]
    public void Through_an_endpoint_passes_when_22_is_open_to_the_endpoints_group()
    {
        var verdict = SecurityGroupAdvice.ForEndpoint([Group("sg-0db", "db", FromGroup("sg-0other"), FromGroup(EndpointGroup))], [EndpointGroup]);

        Assert.Equal(new SecurityGroupVerdict(true, $"sg-0db (db) allows tcp 22 from the endpoint's security group {EndpointGroup}"), verdict);
    }

    [Fact]
    public void Through_an_endpoint_passes_naming_a_CIDR_that_must_hold_the_endpoints_address()
    {
        var verdict = SecurityGroupAdvice.ForEndpoint([Group("sg-0db", "db", Rule("tcp", 22, 22, "10.0.0.0/16"))], [EndpointGroup]);

        Assert.Equal(new SecurityGroupVerdict(true, "sg-0db (db) allows tcp 22 from 10.0.0.0/16: it must include the endpoint's address"), verdict);
    }

    [Fact]
    public void Through_an_endpoint_fails_when_22_is_open_only_to_other_groups_or_not_at_all()
    {
        var otherGroup = SecurityGroupAdvice.ForEndpoint([Group("sg-0db", "db", FromGroup("sg-0bastion"))], [EndpointGroup]);
        var nothing = SecurityGroupAdvice.ForEndpoint([Group("sg-0db", "db"), Group("sg-0mon", "monitoring")], [EndpointGroup]);

        Assert.Equal(new SecurityGroupVerdict(false, $"sg-0db (db) allows tcp 22 only from security group sg-0bastion, not the endpoint's {EndpointGroup}"), otherGroup);
        Assert.Equal(new SecurityGroupVerdict(false, "no inbound rule of sg-0db (db), sg-0mon (monitoring) allows tcp 22: connections time out"), nothing);
    }

    [Fact]
    public void An_instance_without_readable_groups_is_not_reachable()
    {
        Assert.False(SecurityGroupAdvice.ForDirect([]).Allows);
        Assert.False(SecurityGroupAdvice.ForEndpoint([], [EndpointGroup]).Allows);
    }

    private static SecurityGroup Group(string id, string? name, params InboundRule[] rules) => new(id, name, rules);

    private static InboundRule Rule(string protocol, int? from, int? to, string addressRange) => new(protocol, from, to, [addressRange], []);

    private static InboundRule FromGroup(string groupId) => new("tcp", 22, 22, [], [groupId]);
}
