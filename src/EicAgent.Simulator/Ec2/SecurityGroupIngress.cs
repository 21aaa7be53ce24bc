using EicAgent.Simulator.Fleet;
using EicAgent.Simulator.Http;

namespace EicAgent.Simulator.Ec2;

/// <summary>
/// AuthorizeSecurityGroupIngress / RevokeSecurityGroupIngress (GroupId and <see cref="IpPermissions"/>). The change
/// applies to the next connection checked: a new ssh session, a new endpoint tunnel. As on EC2, sessions already
/// connected stay. All or nothing: a duplicate (authorize) or missing (revoke) rule changes nothing.
/// </summary>
internal static class SecurityGroupIngress
{
    public const string Authorize = "AuthorizeSecurityGroupIngress";
    public const string Revoke = "RevokeSecurityGroupIngress";

    public static Task HandleAsync(Ec2Call call, string operation)
    {
        var groupId = call.Parameters["GroupId"] ?? throw Ec2Errors.MissingParameter("groupId");
        var permissions = IpPermissions.Read(call.Parameters);
        call.Authorize(operation);
        var store = call.State.Network.SecurityGroups;
        if (store.Find(groupId) is null)
        {
            throw new ApiException("InvalidGroup.NotFound", $"The security group '{groupId}' does not exist");
        }

        foreach (var unknown in permissions.SelectMany(p => p.SourceGroupIds).Where(id => store.Find(id) is null))
        {
            throw new ApiException("InvalidGroup.NotFound", $"The security group '{unknown}' does not exist");
        }

        store.ChangeInbound(groupId, rules => permissions.Aggregate(rules, operation == Authorize ? Add : Remove));
        return call.AnswerAsync(operation, x => x.Value("return", true));
    }

    private static IReadOnlyList<InboundRule> Add(IReadOnlyList<InboundRule> rules, InboundRule added)
    {
        var same = rules.FirstOrDefault(r => SamePorts(r, added)) ?? added with { Cidrs = [], SourceGroupIds = [] };
        if (added.Cidrs.Concat(added.SourceGroupIds).FirstOrDefault(p => same.Cidrs.Contains(p) || same.SourceGroupIds.Contains(p)) is { } peer)
        {
            throw new ApiException("InvalidPermission.Duplicate", $"the specified rule \"{IpPermissions.Describe(added, peer)}\" already exists");
        }

        var merged = same with { Cidrs = [.. same.Cidrs, .. added.Cidrs], SourceGroupIds = [.. same.SourceGroupIds, .. added.SourceGroupIds] };
        return rules.Contains(same) ? rules.Select(r => r == same ? merged : r).ToArray() : [.. rules, merged];
    }

    private static IReadOnlyList<InboundRule> Remove(IReadOnlyList<InboundRule> rules, InboundRule removed)
    {
        var same = rules.FirstOrDefault(r => SamePorts(r, removed));
        if (same is null || removed.Cidrs.Any(c => !same.Cidrs.Contains(c)) || removed.SourceGroupIds.Any(g => !same.SourceGroupIds.Contains(g)))
        {
            throw new ApiException("InvalidPermission.NotFound", "The specified rule does not exist in this security group.");
        }

        var left = same with
        {
            Cidrs = same.Cidrs.Except(removed.Cidrs).ToArray(),
            SourceGroupIds = same.SourceGroupIds.Except(removed.SourceGroupIds).ToArray(),
        };
        return rules.Select(r => r == same ? left : r).Where(r => r.Cidrs.Count + r.SourceGroupIds.Count > 0).ToArray();
    }

    private static bool SamePorts(InboundRule a, InboundRule b) => a.Protocol == b.Protocol && a.FromPort == b.FromPort && a.ToPort == b.ToPort;
}
