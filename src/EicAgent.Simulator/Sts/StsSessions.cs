using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace EicAgent.Simulator.Sts;

/// <summary>
/// The temporary credentials AssumeRole has issued: the signature verifier accepts them (with their session token)
/// until they expire by the simulator's clock, and say so afterwards.
/// </summary>
internal sealed class StsSessions(TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, (SimulatedCaller Caller, DateTimeOffset Expires)> _issued = new(StringComparer.Ordinal);

    public (SimulatedCaller Caller, DateTimeOffset Expires) Issue(string account, string roleName, string sessionName, TimeSpan duration)
    {
        var accessKeyId = "ASIA" + RandomText(16, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567");
        var roleId = "AROA" + RandomText(17, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567");
        var caller = new SimulatedCaller(
            accessKeyId,
            RandomText(40, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"),
            $"arn:aws:sts::{account}:assumed-role/{roleName}/{sessionName}",
            $"{roleId}:{sessionName}",
            RandomText(64, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"));
        var expires = clock.GetUtcNow() + duration;
        _issued[accessKeyId] = (caller, expires);
        return (caller, expires);
    }

    /// <summary>
    /// The caller of an issued access key and whether its session has expired (AWS then answers ExpiredToken, not
    /// "invalid"); null for a key never issued.
    /// </summary>
    public (SimulatedCaller Caller, bool Expired)? Find(string accessKeyId) =>
        _issued.TryGetValue(accessKeyId, out var session) ? (session.Caller, session.Expires <= clock.GetUtcNow()) : null;

    private static string RandomText(int length, string alphabet) => RandomNumberGenerator.GetString(alphabet, length);
}
