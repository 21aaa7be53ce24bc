namespace EicAgent.Cli.Connect;

/// <summary>
/// When a connection rides on a key already pushed for the same caller, instance and OS user instead of pushing its
/// own, and when that key is pushed again. A pushed key is valid on the instance for 60 s whatever happens next, so
/// binding another connection of the same caller to it inside that window grants nothing AWS had not granted, while
/// each push adds a key that every login there checks (at about 0.3 s each, within a 5 s limit).
/// Riders join only in a key's first half; a key whose bound ssh processes are still logging in when it has
/// <see cref="PushAgainWhenLeft"/> left is pushed again (a new SendSSHPublicKey, authorised by IAM like the first),
/// so that a login slowed down by a loaded machine does not reach the instance after the key expired there.
/// </summary>
internal sealed record KeySharingPolicy(bool PushPerConnection)
{
    /// <summary>Where `eic agent --push-per-connection` defaults from, so an agent started on demand follows it too.</summary>
    public const string PushPerConnectionVariable = "EIC_AGENT_PUSH_PER_CONNECTION";

    /// <summary>
    /// A key is pushed again at most this many times: with a push every 35 s that keeps it for about 10 minutes after
    /// the mint. A login normally ends within sshd's LoginGraceTime (2 minutes) of its TCP connect, and an ssh that
    /// gives up ends its ProxyCommand, so no push is made for it any more; the bound is for logins that never end.
    /// </summary>
    public const int MaxPushesAgain = 16;

    /// <summary>
    /// No connection rides on a key with less than this left of its 60 s, i.e. riders join in its first 30 s: early
    /// enough that the key is pushed again for them if their login is slow (<see cref="PushAgainWhenLeft"/>).
    /// </summary>
    public static readonly TimeSpan RideMargin = TimeSpan.FromSeconds(30);

    /// <summary>
    /// A key with logins still waiting is pushed again when this much of its life is left: after the last rider
    /// joined, and with room for a throttled push (<see cref="PushRetry.Budget"/>) before it expires.
    /// </summary>
    public static readonly TimeSpan PushAgainWhenLeft = TimeSpan.FromSeconds(25);

    public static KeySharingPolicy Shared { get; } = new(PushPerConnection: false);

    /// <summary>Until when connections may ride on a key that expires at <paramref name="expiresAt"/>; null: never.</summary>
    public DateTimeOffset? RidersUntil(DateTimeOffset expiresAt) => PushPerConnection ? null : expiresAt - RideMargin;

    /// <summary>Whether a key is pushed again while its logins wait: not with strictly one push per connection.</summary>
    public bool PushesAgain => !PushPerConnection;

    /// <summary>True for "1", "true" or "yes" (any case): the variable is set to turn per-connection pushes on.</summary>
    public static bool IsOn(string? value) =>
        value is not null && (value == "1" || value.Equals("true", StringComparison.OrdinalIgnoreCase) || value.Equals("yes", StringComparison.OrdinalIgnoreCase));
}
