namespace EicAgent.Cli.Audit;

/// <summary>
/// One line of the audit file. <see cref="Event"/> "push" says how a key push for a connection ended (or which push
/// it rode on); "closed"
/// says, under the same <see cref="ConnectionId"/>, when that connection ended and how long it lasted; "refused"
/// says that a connection was turned down before any key was pushed for it (unknown, stopped or ambiguous target,
/// no route, a proxy not started by ssh), and why.
/// Fingerprints only: key material never reaches this file.
/// </summary>
internal sealed record AuditEntry
{
    public const string PushEvent = "push";
    public const string ClosedEvent = "closed";
    public const string RefusedEvent = "refused";
    public const string PushedResult = "pushed";
    public const string FailedResult = "failed";

    /// <summary>The connection pushed nothing: it rode on the key (<see cref="Fingerprint"/>) another connection pushed in <see cref="RequestId"/>.</summary>
    public const string RodeResult = "rode";

    /// <summary>The connection's key was pushed again (in <see cref="RequestId"/>) while its ssh was still logging in.</summary>
    public const string PushedAgainResult = "pushed-again";

    public required DateTimeOffset Time { get; init; }

    public required string Event { get; init; }

    /// <summary>The agent's pid and its connection number: unique on this machine while the agent runs.</summary>
    public required string ConnectionId { get; init; }

    public string? Target { get; init; }

    public string? InstanceId { get; init; }

    public string? Region { get; init; }

    public string? Profile { get; init; }

    public string? OsUser { get; init; }

    public string? Fingerprint { get; init; }

    public string? RequestId { get; init; }

    public string? Result { get; init; }

    public string? Reason { get; init; }

    public int? SshProcessId { get; init; }

    public double? DurationSeconds { get; init; }
}
