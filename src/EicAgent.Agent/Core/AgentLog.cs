using Microsoft.Extensions.Logging;

namespace EicAgent.Agent.Core;

/// <summary>
/// Every log event of the agent core, with stable ids. Keys appear only as fingerprints; never log key bytes,
/// signed data or passphrases.
/// </summary>
internal static partial class AgentLog
{
    [LoggerMessage(1, LogLevel.Information, "listening {Path}")]
    public static partial void Listening(ILogger logger, string path);

    [LoggerMessage(2, LogLevel.Debug, "connection {ConnectionId} from {Peer}")]
    public static partial void ConnectionAccepted(ILogger logger, long connectionId, PeerCredentials peer);

    [LoggerMessage(3, LogLevel.Debug, "connection {ConnectionId} closed")]
    public static partial void ConnectionClosed(ILogger logger, long connectionId);

    [LoggerMessage(4, LogLevel.Debug, "connection {ConnectionId} ended: {Reason}")]
    public static partial void ConnectionBroken(ILogger logger, long connectionId, string reason);

    [LoggerMessage(5, LogLevel.Warning, "connection {ConnectionId} closed: message length {Length} is not within 1..{Maximum}")]
    public static partial void FrameLengthRefused(ILogger logger, long connectionId, uint length, int maximum);

    [LoggerMessage(6, LogLevel.Warning, "connection {ConnectionId}: cannot handle {Request}: {Reason}")]
    public static partial void RequestUnreadable(ILogger logger, long connectionId, string request, string reason);

    [LoggerMessage(7, LogLevel.Warning, "connection {ConnectionId} ({Peer}): refused {Request}: {Reason}")]
    public static partial void RequestRefused(ILogger logger, long connectionId, PeerCredentials peer, string request, string reason);

    [LoggerMessage(8, LogLevel.Error, "connection {ConnectionId}: {Request} failed unexpectedly")]
    public static partial void RequestCrashed(ILogger logger, long connectionId, string request, Exception exception);

    [LoggerMessage(12, LogLevel.Error, "connection {ConnectionId}: extension {Extension} failed: {ExceptionType}: {Reason}")]
    public static partial void ExtensionFailed(ILogger logger, long connectionId, string extension, string exceptionType, string reason);

    [LoggerMessage(9, LogLevel.Warning, "accepting a connection failed")]
    public static partial void AcceptFailed(ILogger logger, Exception exception);

    [LoggerMessage(10, LogLevel.Warning, "refused a connection from {Peer}: only uid {OwnUid} (or root) may use this agent")]
    public static partial void PeerRefused(ILogger logger, PeerCredentials peer, uint ownUid);

    [LoggerMessage(12, LogLevel.Warning, "connection {ConnectionId} closed: a message did not arrive completely within {Seconds} s of its first byte")]
    public static partial void FrameTimedOut(ILogger logger, long connectionId, double seconds);

    [LoggerMessage(13, LogLevel.Warning, "refused a connection from {Peer}: {Reason} ({Unlogged} more refused since the last such line)")]
    public static partial void ConnectionOverLimit(ILogger logger, PeerCredentials peer, string reason, int unlogged);

    [LoggerMessage(11, LogLevel.Information, "stopped listening on {Path}")]
    public static partial void Stopped(ILogger logger, string path);

    [LoggerMessage(20, LogLevel.Information, "added key {Fingerprint} ({Expiry})")]
    public static partial void UserKeyAdded(ILogger logger, string fingerprint, string expiry);

    [LoggerMessage(21, LogLevel.Information, "removed key {Fingerprint}")]
    public static partial void UserKeyRemoved(ILogger logger, string fingerprint);

    [LoggerMessage(22, LogLevel.Information, "removed all {Count} user keys")]
    public static partial void UserKeysRemoved(ILogger logger, int count);

    [LoggerMessage(23, LogLevel.Information, "key {Fingerprint} expired and was wiped")]
    public static partial void UserKeyExpired(ILogger logger, string fingerprint);

    [LoggerMessage(25, LogLevel.Debug, "connection {ConnectionId}: minted key {Fingerprint} waits for its push")]
    public static partial void WaitingForPush(ILogger logger, long connectionId, string fingerprint);

    [LoggerMessage(24, LogLevel.Debug, "connection {ConnectionId}: signed with {Fingerprint}")]
    public static partial void Signed(ILogger logger, long connectionId, string fingerprint);

    [LoggerMessage(30, LogLevel.Information, "minted key {Fingerprint} for pid {ProcessId} as {OsUser} (lifetime {LifetimeSeconds} s)")]
    public static partial void KeyMinted(ILogger logger, string fingerprint, int processId, string osUser, double lifetimeSeconds);

    [LoggerMessage(31, LogLevel.Information, "minted key {Fingerprint} for pid {ProcessId} forgotten: {Outcome}")]
    public static partial void MintedKeyForgotten(ILogger logger, string fingerprint, int processId, MintedKeyOutcome outcome);

    /// <summary>
    /// Where a connection's time went: ssh asks for keys once its key exchange is done, so the push is hidden when
    /// it took no longer than ssh took to ask; ssh waited for the rest. `./bench` reads these figures.
    /// </summary>
    [LoggerMessage(32, LogLevel.Information,
        "connection {ConnectionId}: offered minted key {Fingerprint} to pid {ProcessId}: ssh asked for it {AskedAfterMilliseconds} ms after the mint, its push took {PushMilliseconds} ms, ssh waited {WaitMilliseconds} ms")]
    public static partial void MintedKeyOffered(
        ILogger logger, long connectionId, string fingerprint, int processId, long askedAfterMilliseconds, long pushMilliseconds, long waitMilliseconds);

    /// <summary>As <see cref="MintedKeyOffered"/>, for a key ssh reads from its key file instead (same figures, for `./bench`).</summary>
    [LoggerMessage(38, LogLevel.Information,
        "connection {ConnectionId}: key file for minted key {Fingerprint} made for pid {ProcessId}: ssh asked for it {AskedAfterMilliseconds} ms after the mint, its push took {PushMilliseconds} ms, ssh waited {WaitMilliseconds} ms")]
    public static partial void MintedKeyFileMade(
        ILogger logger, long connectionId, string fingerprint, int processId, long askedAfterMilliseconds, long pushMilliseconds, long waitMilliseconds);

    [LoggerMessage(33, LogLevel.Information, "connection {ConnectionId}: minted key {Fingerprint} signed for {OsUser}")]
    public static partial void MintedKeySigned(ILogger logger, long connectionId, string fingerprint, string osUser);

    [LoggerMessage(40, LogLevel.Information, "agent locked")]
    public static partial void Locked(ILogger logger);

    [LoggerMessage(41, LogLevel.Information, "agent unlocked")]
    public static partial void Unlocked(ILogger logger);

    [LoggerMessage(50, LogLevel.Debug, "connection {ConnectionId}: bound to a session of host key {HostKeyFingerprint} (forwarding: {IsForwarding})")]
    public static partial void SessionBound(ILogger logger, long connectionId, string hostKeyFingerprint, bool isForwarding);

    [LoggerMessage(60, LogLevel.Warning, "connection {ConnectionId}: upstream agent {Path} cannot {Request}: {Reason}; only eic's own keys are used")]
    public static partial void UpstreamUnavailable(ILogger logger, long connectionId, string path, string request, string reason);
}
