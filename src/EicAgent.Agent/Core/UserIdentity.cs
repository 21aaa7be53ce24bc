using EicAgent.Agent.Keys;
using EicAgent.Agent.Protocol.Messages;

namespace EicAgent.Agent.Core;

/// <summary>
/// A key the user added (`ssh-add`), with an optional expiry (`-t`), confirmation on each use (`-c`) and the
/// destinations it may be used for (`-h`).
/// </summary>
internal sealed class UserIdentity(AgentKey key, string comment, DateTimeOffset? expiresAt, KeyConstraints? constraints = null)
{
    public AgentKey Key { get; } = key;

    public string Comment { get; } = comment;

    public DateTimeOffset? ExpiresAt { get; } = expiresAt;

    public bool ConfirmEachUse { get; } = constraints?.Confirm ?? false;

    public IReadOnlyList<DestinationConstraint> Destinations { get; } = constraints?.Destinations ?? [];

    public bool IsExpired(DateTimeOffset now) => ExpiresAt is { } expiry && now >= expiry;

    /// <summary>Whether this connection may see (and remove) the key; null when it may, else why not.</summary>
    public string? HiddenFrom(AgentSession session, DateTimeOffset now) =>
        DestinationPermission.Check(Destinations, session.Bindings, user: null, now);
}
