namespace EicAgent.Aws.Scopes;

/// <summary>
/// Which kept scopes to drop: every one unused for <see cref="AwsSettings.ScopeIdleLifetime"/>, and beyond
/// <see cref="AwsSettings.MaxScopes"/> the least recently used -- but never one used within a
/// <see cref="AwsSettings.CallTimeout"/>, whose clients a call may still be using, nor one holding a role session
/// the user typed an MFA code for, until that session ends (dropping it would ask for a code again).
/// </summary>
internal static class ScopeEviction
{
    public static IReadOnlyList<TKey> Choose<TKey>(
        IReadOnlyCollection<(TKey Key, DateTimeOffset LastUsed, DateTimeOffset? KeepUntil)> kept, DateTimeOffset now, AwsSettings settings)
    {
        var scopes = kept.Where(scope => scope.KeepUntil is not { } until || until <= now).ToList();
        var idle = scopes.Where(scope => now - scope.LastUsed >= settings.ScopeIdleLifetime).ToList();
        var excess = kept.Count - idle.Count - settings.MaxScopes;
        if (excess > 0)
        {
            idle.AddRange(scopes
                .Where(scope => now - scope.LastUsed < settings.ScopeIdleLifetime && now - scope.LastUsed >= settings.CallTimeout)
                .OrderBy(scope => scope.LastUsed)
                .Take(excess));
        }

        return [.. idle.Select(scope => scope.Key)];
    }
}
