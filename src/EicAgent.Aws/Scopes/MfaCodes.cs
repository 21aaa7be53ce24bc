using System.Collections.Concurrent;

namespace EicAgent.Aws.Scopes;

/// <summary>
/// MFA codes the user typed, waiting for the assume-role refresh of their caller's context to take them. Each is
/// used once and kept at most <see cref="Lifetime"/>: a device's code is good for about a minute. Never logged.
/// </summary>
internal sealed class MfaCodes(TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(90);

    private readonly ConcurrentDictionary<string, (string Code, DateTimeOffset Offered)> _codes = new(StringComparer.Ordinal);

    public void Offer(AwsContext context, string code) => _codes[context.Key] = (code, time.GetUtcNow());

    public bool TryTake(AwsContext context, out string code)
    {
        code = "";
        if (!_codes.TryRemove(context.Key, out var offered) || time.GetUtcNow() - offered.Offered > Lifetime)
        {
            return false;
        }

        code = offered.Code;
        return true;
    }
}
