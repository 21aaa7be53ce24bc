namespace EicAgent.Simulator.Policy;

/// <summary>
/// One "allow" entry of a simulator policy. Each list holds patterns (* and ? wildcards); a request matches when
/// every list has a pattern that matches it. <see cref="Callers"/> match a caller's ARN or access key id;
/// <see cref="Actions"/> match "service:Operation" (ec2:DescribeInstances, ec2-instance-connect:SendSSHPublicKey...).
/// An action without an instance or OS user is matched as "*", as IAM matches resource "*": only a "*" pattern allows it.
/// <see cref="MaxTunnelSeconds"/> is the condition `NumericLessThanEquals ec2-instance-connect:maxTunnelDuration`: an
/// OpenTunnel asking for longer does not match; one that sends no duration has no such key to compare and does.
/// </summary>
public sealed record PolicyStatement(
    IReadOnlyList<string> Callers,
    IReadOnlyList<string> Actions,
    IReadOnlyList<string> Instances,
    IReadOnlyList<string> OsUsers)
{
    /// <summary>The longest maxTunnelDuration (seconds) this statement allows an OpenTunnel to ask for; null: any.</summary>
    public int? MaxTunnelSeconds { get; init; }

    internal bool Allows(SimulatedCaller caller, string action, string? instanceId, string? osUser, int? tunnelSeconds = null) =>
        (Wildcard.IsMatchAny(Callers, caller.Arn) || Wildcard.IsMatchAny(Callers, caller.AccessKeyId))
        && Wildcard.IsMatchAny(Actions, action)
        && Wildcard.IsMatchAny(Instances, instanceId ?? "*")
        && Wildcard.IsMatchAny(OsUsers, osUser ?? "*")
        && (MaxTunnelSeconds is null || tunnelSeconds is null || tunnelSeconds <= MaxTunnelSeconds);
}
