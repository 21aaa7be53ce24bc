using System.Diagnostics;
using EicAgent.Agent.Core;
using EicAgent.Aws.Scopes;
using EicAgent.Cli.Connect;

namespace EicAgent.Cli.Audit;

/// <summary>
/// The audit trail of one ProxyCommand connection: a "push" line when its key push ends, a "closed" line with
/// the duration when the proxy's agent connection ends (the proxy holds it for the whole ssh session).
/// </summary>
internal sealed class ConnectionAudit
{
    private readonly AuditLog _log;
    private readonly AuditEntry _template;
    private readonly long _started = Stopwatch.GetTimestamp();

    private ConnectionAudit(AuditLog log, AuditEntry template)
    {
        _log = log;
        _template = template;
    }

    public static ConnectionAudit Begin(
        AuditLog log, AgentSession session, string target, string instanceId, AwsScopeInfo scope, string osUser, string fingerprint, int sshProcessId)
    {
        var audit = ForEarlyPush(log, session, target, instanceId, scope, osUser, fingerprint, sshProcessId);
        session.Closed.Register(audit.Closed);
        return audit;
    }

    /// <summary>
    /// The "push" line of a key pushed to an instance id before the lookup that then refused the connection: the
    /// key reached the instance, so the audit says so besides the "refused" line (no "closed" line follows).
    /// </summary>
    public static ConnectionAudit ForEarlyPush(
        AuditLog log, AgentSession session, string target, string instanceId, AwsScopeInfo scope, string osUser, string fingerprint, int sshProcessId) =>
        new(log, new AuditEntry
        {
            Time = default,
            Event = AuditEntry.PushEvent,
            ConnectionId = ConnectionIdOf(session),
            Target = target,
            InstanceId = instanceId,
            Region = scope.Region,
            Profile = ProfileOf(scope),
            OsUser = osUser,
            Fingerprint = fingerprint,
            SshProcessId = sshProcessId,
        });

    /// <summary>A connection turned down before any key was pushed for it: one "refused" line with the reason.</summary>
    public static void Refused(AuditLog log, AgentSession session, string target, AwsScopeInfo? scope, string osUser, int? sshProcessId, string reason) =>
        log.Append(new AuditEntry
        {
            Time = log.Time.GetUtcNow(),
            Event = AuditEntry.RefusedEvent,
            ConnectionId = ConnectionIdOf(session),
            Target = target,
            Region = scope?.Region,
            Profile = scope is null ? null : ProfileOf(scope),
            OsUser = osUser,
            Reason = reason,
            SshProcessId = sshProcessId,
        });

    public void Pushed(string? requestId) =>
        _log.Append(_template with { Time = _log.Time.GetUtcNow(), Result = AuditEntry.PushedResult, RequestId = requestId });

    /// <summary>The connection's key was pushed by another connection (request <paramref name="requestId"/>): one line all the same.</summary>
    public void Rode(string? requestId, string fingerprint) =>
        _log.Append(_template with { Time = _log.Time.GetUtcNow(), Result = AuditEntry.RodeResult, RequestId = requestId, Fingerprint = fingerprint });

    /// <summary>
    /// The connection's key was pushed again (request <paramref name="again"/>) because its ssh was still logging in;
    /// a failure says why (the key stays valid on the instance until its last push's 60 s end).
    /// </summary>
    public void PushedAgain(PushOutcome again) =>
        _log.Append(_template with
        {
            Time = _log.Time.GetUtcNow(),
            Result = again.Failure is null ? AuditEntry.PushedAgainResult : AuditEntry.FailedResult,
            RequestId = again.RequestId,
            Reason = again.Failure is null ? null : $"pushing the key again while ssh was still logging in failed: {again.Failure}",
        });

    public void Failed(string reason) =>
        _log.Append(_template with { Time = _log.Time.GetUtcNow(), Result = AuditEntry.FailedResult, Reason = reason });

    private static string ConnectionIdOf(AgentSession session) => $"{Environment.ProcessId}-{session.ConnectionId}";

    private static string ProfileOf(AwsScopeInfo scope) => scope.EffectiveProfile;

    private void Closed() => _log.Append(new AuditEntry
    {
        Time = _log.Time.GetUtcNow(),
        Event = AuditEntry.ClosedEvent,
        ConnectionId = _template.ConnectionId,
        InstanceId = _template.InstanceId,
        OsUser = _template.OsUser,
        Fingerprint = _template.Fingerprint,
        SshProcessId = _template.SshProcessId,
        DurationSeconds = Stopwatch.GetElapsedTime(_started).TotalSeconds,
    });
}
