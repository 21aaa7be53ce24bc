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

    /// <summary>How long a resolved target is trusted before DescribeInstances is asked again.</summary>
    public TimeSpan ResolutionCacheTimeToLive { get; init; } = TimeSpan.FromSeconds(60);
}
