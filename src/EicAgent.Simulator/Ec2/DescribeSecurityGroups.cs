using EicAgent.Simulator.Fleet;
using EicAgent.Simulator.Http;

namespace EicAgent.Simulator.Ec2;

/// <summary>
/// DescribeSecurityGroups: GroupId.N and Filter.N (group-id, group-name, vpc-id). Inbound rules in ipPermissions
/// (ipRanges, ipv6Ranges, groups); egress allows all traffic, as a new group's does.
/// </summary>
internal static class DescribeSecurityGroups
{
    public const string Operation = "DescribeSecurityGroups";

    public static Task HandleAsync(Ec2Call call)
    {
        var parameters = call.Parameters;
        var ids = parameters.List("GroupId");
        var filters = parameters.Filters();
        foreach (var filter in filters.Where(f => Values(f.Name, null) is null))
        {
            throw Ec2Errors.InvalidParameterValue($"The filter '{filter.Name}' is invalid");
        }

        call.Authorize(Operation);
        var groups = call.State.SecurityGroups;
        if (ids.FirstOrDefault(id => groups.All(g => g.GroupId != id)) is { } missing)
        {
            throw new ApiException("InvalidGroup.NotFound", $"The security group '{missing}' does not exist");
        }

        var matching = groups
            .Where(g => ids.Count == 0 || ids.Contains(g.GroupId))
            .Where(g => filters.All(f => Values(f.Name, g)!.Any(v => Wildcard.IsMatchAny(f.Values, v))))
            .ToArray();
        var owner = call.State.Account;
        return call.AnswerAsync(Operation, x => x.Items("securityGroupInfo", matching, (item, group) => Write(item, group, owner)));
    }

    private static void Write(XmlAnswer x, SecurityGroupDefinition group, string owner) =>
        x.Value("ownerId", owner)
            .Value("groupId", group.GroupId)
            .Value("groupName", group.GroupName)
            .Value("groupDescription", group.Description)
            .Value("vpcId", group.VpcId)
            .Items("ipPermissions", group.Inbound, (p, rule) => Permission(p, rule, owner))
            .Items("ipPermissionsEgress", [new InboundRule { Protocol = "-1", Cidrs = ["0.0.0.0/0"] }], (p, rule) => Permission(p, rule, owner));

    private static void Permission(XmlAnswer x, InboundRule rule, string owner)
    {
        x.Value("ipProtocol", rule.Protocol);
        if (rule.FromPort is { } from)
        {
            x.Value("fromPort", from);
        }

        if (rule.ToPort is { } to)
        {
            x.Value("toPort", to);
        }

        x.Items("groups", rule.SourceGroupIds, (g, id) => g.Value("userId", owner).Value("groupId", id))
            .Items("ipRanges", rule.Cidrs.Where(c => !c.Contains(':', StringComparison.Ordinal)), (r, cidr) => r.Value("cidrIp", cidr))
            .Items("ipv6Ranges", rule.Cidrs.Where(c => c.Contains(':', StringComparison.Ordinal)), (r, cidr) => r.Value("cidrIpv6", cidr))
            .Start("prefixListIds").End();
    }

    private static IEnumerable<string?>? Values(string name, SecurityGroupDefinition? group) => name switch
    {
        "group-id" => [group?.GroupId],
        "group-name" => [group?.GroupName],
        "vpc-id" => [group?.VpcId],
        _ => null,
    };
}
