using EicAgent.Agent.Keys;

namespace EicAgent.Agent.Core;

/// <summary>A key the user added (`ssh-add`), with an optional expiry (`ssh-add -t`).</summary>
internal sealed class UserIdentity(AgentKey key, string comment, DateTimeOffset? expiresAt)
{
    public AgentKey Key { get; } = key;

    public string Comment { get; } = comment;

    public DateTimeOffset? ExpiresAt { get; } = expiresAt;

    public bool IsExpired(DateTimeOffset now) => ExpiresAt is { } expiry && now >= expiry;
}
