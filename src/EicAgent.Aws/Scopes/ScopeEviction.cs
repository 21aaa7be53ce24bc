namespace EicAgent.Aws.Scopes;

/// <summary>
/// Which kept scopes to drop: every one unused for <see cref="AwsSettings.ScopeIdleLifetime"/>, and beyond
/// <see cref="AwsSettings.MaxScopes"/> the least recently used -- but never one used within a
/// <see cref="AwsSettings.CallTimeout"/>, whose clients a call may still be using.
/// </summary>
internal static class ScopeEviction
{
    public static IReadOnlyList<TKey> Choose<TKey>(IReadOnlyCollection<(TKey Key, DateTimeOffset LastUsed)> scopes, DateTimeOffset now, AwsSettings settings)
    {
        var idle = scopes.Where(scope => now - scope.LastUsed >= settings.ScopeIdleLifetime).ToList();
        var excess = scopes.Count - idle.Count - settings.MaxScopes;
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
