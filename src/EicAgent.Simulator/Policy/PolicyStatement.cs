namespace EicAgent.Simulator.Policy;

/// <summary>
/// One "allow" entry of a simulator policy. Each list holds patterns (* and ? wildcards); a request matches when
/// every list has a pattern that matches it. <see cref="Callers"/> match a caller's ARN or access key id;
/// <see cref="Actions"/> match "service:Operation" (ec2:DescribeInstances, ec2-instance-connect:SendSSHPublicKey...).
/// An action without an instance or OS user is matched as "*", as IAM matches resource "*": only a "*" pattern allows it.
/// </summary>
public sealed record PolicyStatement(
    IReadOnlyList<string> Callers,
    IReadOnlyList<string> Actions,
    IReadOnlyList<string> Instances,
    IReadOnlyList<string> OsUsers)
{
    internal bool Allows(SimulatedCaller caller, string action, string? instanceId, string? osUser) =>
        (Wildcard.IsMatchAny(Callers, caller.Arn) || Wildcard.IsMatchAny(Callers, caller.AccessKeyId))
        && Wildcard.IsMatchAny(Actions, action)
        && Wildcard.IsMatchAny(Instances, instanceId ?? "*")
        && Wildcard.IsMatchAny(OsUsers, osUser ?? "*");
}
