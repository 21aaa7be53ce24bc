using EicAgent.Simulator.Fleet;

namespace EicAgent.Simulator.Network;

/// <summary>
/// The security groups as they are now: the fleet's, changed by AuthorizeSecurityGroupIngress and
/// RevokeSecurityGroupIngress. Readers get a snapshot; a change is seen by the next connection that is checked.
/// </summary>
internal sealed class SecurityGroupStore(IReadOnlyList<SecurityGroupDefinition> initial)
{
    private readonly Lock _changing = new();
    private IReadOnlyList<SecurityGroupDefinition> _groups = initial;

    public IReadOnlyList<SecurityGroupDefinition> All => Volatile.Read(ref _groups);

    public SecurityGroupDefinition? Find(string groupId) => All.FirstOrDefault(g => g.GroupId == groupId);

    /// <summary>The groups with these ids (unknown ids are left out: such a group has no rules to let anything in).</summary>
    public IReadOnlyList<SecurityGroupDefinition> Named(IEnumerable<string> groupIds)
    {
        var groups = All;
        return groupIds.Select(id => groups.FirstOrDefault(g => g.GroupId == id)).OfType<SecurityGroupDefinition>().ToArray();
    }

    /// <summary>Replaces one group's inbound rules with what <paramref name="change"/> makes of them (it may throw to refuse).</summary>
    public void ChangeInbound(string groupId, Func<IReadOnlyList<InboundRule>, IReadOnlyList<InboundRule>> change)
    {
        lock (_changing)
        {
            var groups = _groups;
            var index = groups.ToList().FindIndex(g => g.GroupId == groupId);
            var changed = groups[index] with { Inbound = change(groups[index].Inbound) };
            Volatile.Write(ref _groups, [.. groups.Take(index), changed, .. groups.Skip(index + 1)]);
        }
    }
}
