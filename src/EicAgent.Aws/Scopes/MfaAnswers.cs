using System.Collections.Concurrent;

namespace EicAgent.Aws.Scopes;

/// <summary>
/// What stands in for the user at an assume-role profile's MFA device in their caller's context: a code the user typed,
/// waiting for the next AssumeRole (used once, kept at most <see cref="CodeLifetime"/>: a device's code is good for
/// about a minute); and the role sessions codes bought (<see cref="MfaRoleSession"/>, here or in the agent that lent
/// one), kept until they end, so every scope of that profile and context -- any region, any command -- uses the one
/// session instead of asking again. Never logged.
/// </summary>
internal sealed class MfaAnswers(TimeProvider time)
{
    public static readonly TimeSpan CodeLifetime = TimeSpan.FromSeconds(90);

    private readonly ConcurrentDictionary<string, (string Code, DateTimeOffset Offered)> _codes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Context, string Profile), MfaRoleSession> _sessions = new();

    public void Offer(AwsContext context, string code) => _codes[context.Key] = (code, time.GetUtcNow());

    public void Offer(AwsContext context, string profileName, MfaRoleSession session) => _sessions[(context.Key, profileName)] = session;

    public bool TryTake(AwsContext context, out string code)
    {
        code = "";
        if (!_codes.TryRemove(context.Key, out var offered) || time.GetUtcNow() - offered.Offered > CodeLifetime)
        {
            return false;
        }

        code = offered.Code;
        return true;
    }

    /// <summary>
    /// The session bought for <paramref name="profileName"/> in <paramref name="context"/>, while it has more left than
    /// <see cref="ContextAssumeRoleCredentials.RefreshMargin"/> (less, and the credentials would refresh at once).
    /// </summary>
    public bool TryGetSession(AwsContext context, string profileName, out MfaRoleSession session)
    {
        var key = (context.Key, profileName);
        if (_sessions.TryGetValue(key, out session!) && session.Expires - time.GetUtcNow() > ContextAssumeRoleCredentials.RefreshMargin)
        {
            return true;
        }

        _sessions.TryRemove(KeyValuePair.Create(key, session));
        return false;
    }
}
