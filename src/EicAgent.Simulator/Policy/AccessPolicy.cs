namespace EicAgent.Simulator.Policy;

/// <summary>
/// Decides which caller may call which API on which instance and OS user. Without a policy everything is allowed;
/// with one, only what a statement allows (sts:GetCallerIdentity is always allowed, as in AWS).
/// See <see cref="PolicyFile"/> for the JSON form.
/// </summary>
public sealed class AccessPolicy
{
    private readonly IReadOnlyList<PolicyStatement>? _statements;

    private AccessPolicy(IReadOnlyList<PolicyStatement>? statements, IReadOnlyList<SimulatedCaller> callers)
    {
        _statements = statements;
        Callers = callers;
    }

    public static AccessPolicy AllowAll { get; } = new(null, []);

    /// <summary>Extra identities the policy introduces (besides the simulator's default caller).</summary>
    public IReadOnlyList<SimulatedCaller> Callers { get; }

    public static AccessPolicy Allow(IReadOnlyList<PolicyStatement> statements, IReadOnlyList<SimulatedCaller>? callers = null) =>
        new(statements, callers ?? []);

    /// <summary>Reads a policy file; throws <see cref="InvalidDataException"/> with a one-line reason when it is not valid.</summary>
    public static AccessPolicy Load(string path) => PolicyFile.Load(path);

    /// <param name="tunnelSeconds">An OpenTunnel's maxTunnelDuration, when the request sent one.</param>
    internal bool Allows(SimulatedCaller caller, string action, string? instanceId = null, string? osUser = null, int? tunnelSeconds = null) =>
        _statements is null
        || action == "sts:GetCallerIdentity"
        || _statements.Any(statement => statement.Allows(caller, action, instanceId, osUser, tunnelSeconds));
}
