namespace EicAgent.Aws.Scopes;

/// <summary>
/// Bounds on every AWS call, so nothing waits without limit: each HTTP attempt gets <see cref="AttemptTimeout"/>,
/// the SDK retries up to <see cref="MaxErrorRetry"/> times (throttling included, with its own backoff), and the
/// whole call -- credentials, retries and backoff -- is cut at <see cref="CallTimeout"/>.
/// </summary>
public sealed record AwsSettings
{
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(3);

    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(6);

    public int MaxErrorRetry { get; init; } = 2;

    public TimeSpan CallTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>A scope (credentials, warm clients) unused this long is dropped, so a long-lived agent does not grow.</summary>
    public TimeSpan ScopeIdleLifetime { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>At most this many scopes are kept; beyond it the least recently used go (once idle for a <see cref="CallTimeout"/>).</summary>
    public int MaxScopes { get; init; } = 32;

    /// <summary>How long a resolved target is trusted before DescribeInstances is asked again.</summary>
    public TimeSpan ResolutionCacheTimeToLive { get; init; } = TimeSpan.FromSeconds(60);
}
