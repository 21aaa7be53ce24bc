namespace EicAgent.Cli.Connect;

/// <summary>
/// When a connection rides on a key already pushed for the same caller, instance and OS user instead of pushing its
/// own. A pushed key is valid on the instance for 60 s whatever happens next, so binding another connection of the
/// same caller to it inside that window grants nothing AWS had not granted, while each push adds a key that every
/// login there checks (at about 0.3 s each, within a 5 s limit). The window is never extended.
/// </summary>
internal sealed record KeySharingPolicy(bool PushPerConnection)
{
    /// <summary>Where `eic agent --push-per-connection` defaults from, so an agent started on demand follows it too.</summary>
    public const string PushPerConnectionVariable = "EIC_AGENT_PUSH_PER_CONNECTION";

    /// <summary>
    /// No connection rides on a key with less than this left of its 60 s: ssh still has to connect, exchange keys and
    /// sign before the key expires on the instance and in the agent.
    /// </summary>
    public static readonly TimeSpan RideMargin = TimeSpan.FromSeconds(15);

    public static KeySharingPolicy Shared { get; } = new(PushPerConnection: false);

    /// <summary>Until when connections may ride on a key that expires at <paramref name="expiresAt"/>; null: never.</summary>
    public DateTimeOffset? RidersUntil(DateTimeOffset expiresAt) => PushPerConnection ? null : expiresAt - RideMargin;

    /// <summary>True for "1", "true" or "yes" (any case): the variable is set to turn per-connection pushes on.</summary>
    public static bool IsOn(string? value) =>
        value is not null && (value == "1" || value.Equals("true", StringComparison.OrdinalIgnoreCase) || value.Equals("yes", StringComparison.OrdinalIgnoreCase));
}
