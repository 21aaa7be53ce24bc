using EicAgent.Aws.Errors;
using EicAgent.Aws.InstanceConnect;

namespace EicAgent.Cli.Connect;

/// <summary>
/// Retries a SendSSHPublicKey that AWS throttled (after the SDK's own retries), with jittered exponential backoff so
/// that parallel pushes spread out, within a bound well inside the time the agent holds ssh's sign request.
/// </summary>
internal static class PushRetry
{
    public const int MaxAttempts = 5;

    /// <summary>No retry starts once this much time went by since the first attempt.</summary>
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(2);

    /// <param name="retrying">Told the attempt that was throttled and the delay before the next, so that it is said.</param>
    public static async Task<KeyPushResult> RunAsync(
        Func<CancellationToken, Task<KeyPushResult>> push, TimeProvider time, Action<int, TimeSpan> retrying, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await push(cancellationToken).ConfigureAwait(false);
            }
            catch (EicAwsException throttled) when (throttled.Kind == EicAwsErrorKind.Throttled && attempt < MaxAttempts)
            {
                var delay = Delay(attempt);
                if (time.GetElapsedTime(started) + delay > Budget)
                {
                    throw;
                }

                retrying(attempt, delay);
                await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Between half and all of an exponentially growing ceiling ("equal jitter"): pushes throttled together do not
    /// retry together, and none retries at once.
    /// </summary>
    internal static TimeSpan Delay(int attempt)
    {
        var ceiling = Math.Min(MaxDelay.TotalMilliseconds, FirstDelay.TotalMilliseconds * Math.Pow(2, attempt - 1));
#pragma warning disable CA5394 // backoff jitter, not a secret
        return TimeSpan.FromMilliseconds(ceiling * (0.5 + (Random.Shared.NextDouble() / 2)));
#pragma warning restore CA5394
    }
}
