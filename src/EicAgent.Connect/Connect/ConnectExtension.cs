using EicAgent.Agent.Core;
using EicAgent.Agent.Protocol;
using EicAgent.Aws.Errors;
using EicAgent.Aws.InstanceConnect;
using EicAgent.Aws.Instances;
using EicAgent.Aws.Paths;
using EicAgent.Aws.Scopes;
using EicAgent.Aws.Targets;
using EicAgent.Cli.Audit;
using EicAgent.Cli.HostKeys;
using Microsoft.Extensions.Logging;

namespace EicAgent.Cli.Connect;

/// <summary>
/// The agent's half of a ProxyCommand connection: resolve the host, bind the ssh process that started the proxy to a
/// key -- one minted and pushed for it, or one already pushed for the same caller, instance and user that it rides on
/// (<see cref="PushSharing"/>) -- and answer at once with where to connect: the push overlaps the TCP connect and the
/// SSH key exchange, and the agent holds ssh's sign request until the push is done. The instance's console host keys
/// are in the agent's known_hosts file before the answer (<see cref="HostKeyPublisher"/>).
/// </summary>
internal sealed partial class ConnectExtension(
    KeyRing keys, SshClientBinder binder, IAwsScopes scopes, ConnectionPushes pushes, PushSharing sharing, HostKeyPublisher hostKeys, AuditLog audit,
    ILogger<ConnectExtension> logger)
    : IAgentExtension
{
    public string Name => ConnectRequest.ExtensionName;

    public async ValueTask<AgentMessage> HandleAsync(AgentSession session, ReadOnlyMemory<byte> contents, CancellationToken cancellationToken)
    {
        ConnectRequest? request = null;
        ClientBinding? binding = null;
        TargetSpec? target = null;
        IAwsScope? scope = null;
        KeyLease? lease = null;
        try
        {
            request = ConnectRequest.Read(contents.Span);
            MintLimits.AdmitConnect(pushes, session);
            target = TargetSpec.Parse(request.Host, request.Profile, request.Region);
            binding = binder.ForParentOf(session.Peer);
            if (request.MfaCode is { } mfaCode)
            {
                scopes.OfferMfaCode(request.Context, mfaCode);
            }

            scope = await scopes.GetAsync(target, request.Context, cancellationToken);
            if (request.ExistingKey is { } existingKey)
            {
                return await ConnectWithExistingKeyAsync(session, request, existingKey, target, scope, binding, cancellationToken);
            }

            MintLimits.AdmitProcess(keys, binding);

            // An instance id is all SendSSHPublicKey needs (the Availability Zone is optional), so the push starts
            // before the lookup: when the instance is not cached yet, it runs alongside that DescribeInstances.
            // Pushes end when every connection bound to the key has closed (session.Closed), not with this request.
            var serial = request.SerialPort is not null;
            var user = request.User;
            if (target.Kind == TargetKind.InstanceId && !serial)
            {
                var instanceId = target.Target;
                lease = sharing.Lease(scope, instanceId, user, binding, session, shareable: true,
                    (key, token) => scope.PushKeyAsync(instanceId, user, key.PublicKeyLine, token));
            }

            var instance = await scope.Instances.ResolveAsync(target.Target, cancellationToken);
            var hostKeyNote = hostKeys.PublishAsync(session, request, scope, instance, cancellationToken);
            var route = serial
                ? SerialConsoleConnect.Plan(scope, instance, user, request.SerialPort!.Value)
                : await scope.PlanRouteAsync(instance, request.Path, request.Port, request.EndpointId, cancellationToken, request.AutoOrder, request.MaxTunnelSeconds);
            SessionManagerSessions.TerminateWhenClosed(route, scope, session.Closed, logger);
            lease ??= sharing.Lease(scope, instance.InstanceId, user, binding, session, shareable: !serial, (key, token) => serial
                ? scope.PushSerialConsoleKeyAsync(instance, key.PublicKeyLine, request.SerialPort!.Value, token)
                : scope.PushKeyAsync(instance, user, key.PublicKeyLine, token));

            var trail = ConnectionAudit.Begin(audit, session, request.Host, instance.InstanceId, scope.Info, user, lease.Key.Fingerprint, binding.ProcessId);
            pushes.Add(session, FinishPushAsync(lease, scope, target, instance.InstanceId, user, trail), lease.Key, binding);
            LogConnect(logger, request.Host, instance.InstanceId, route.ToString(), user, binding.ProcessId);
            return ConnectReply.To(instance.InstanceId, route, await hostKeyNote).ToMessage();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception)
        {
            // One contract: whatever went wrong is a refusal with its reason and an audit line, never a crash.
            var reason = ConnectFailure.Reason(exception);
            var host = request?.Host ?? "(unreadable request)";
            if (lease is not null)
            {
                sharing.Abandon(lease);
                _ = AuditEarlyPushAsync(lease, ConnectionAudit.ForEarlyPush(
                    audit, session, host, target!.Target, scope!.Info, request!.User, lease.Key.Fingerprint, binding!.ProcessId), reason);
            }

            if (exception is EicAwsException { Kind: EicAwsErrorKind.MfaCodeRequired, MfaSerial: { } mfaSerial })
            {
                // Not a refusal yet: the proxy asks the user for the code and connects again with it.
                LogMfaCodeRequired(logger, host, mfaSerial);
                return ConnectReply.AskForMfaCode(mfaSerial, reason).ToMessage();
            }

            ConnectionAudit.Refused(audit, session, host, scope?.Info, request?.User ?? "", binding?.ProcessId, reason);
            LogRefused(logger, host, reason);
            return ConnectReply.Refuse(reason).ToMessage();
        }
    }

    /// <summary>An instance id's key was pushed before the lookup that then refused the connection: the audit says both.</summary>
    private static async Task AuditEarlyPushAsync(KeyLease lease, ConnectionAudit trail, string refusal)
    {
        var outcome = await lease.Push.Outcome.ConfigureAwait(false);
        if (outcome.Failure is not null)
        {
            trail.Failed(outcome.AwsError is null && !outcome.Cancelled ? $"{outcome.Failure}; the connection was refused: {refusal}" : outcome.Failure);
        }
        else if (lease.Rides)
        {
            trail.Rode(outcome.RequestId, lease.Key.Fingerprint);
        }
        else
        {
            trail.Pushed(outcome.RequestId);
        }
    }

    private async Task<PushStatus> FinishPushAsync(KeyLease lease, IAwsScope scope, TargetSpec target, string instanceId, string user, ConnectionAudit trail)
    {
        var outcome = await lease.Push.Outcome;
        var key = lease.Key;
        if (outcome.Failure is null)
        {
            lease.Push.ReportPushesAgain(lease.Binding, again => trail.PushedAgain(again));
            if (lease.Rides)
            {
                trail.Rode(outcome.RequestId, key.Fingerprint);
                LogRode(logger, key.Fingerprint, instanceId, user, outcome.RequestId, key.BoundProcesses);
            }
            else
            {
                trail.Pushed(outcome.RequestId);
                LogPushed(logger, key.Fingerprint, instanceId, user, outcome.RequestId, key.PushDuration.TotalMilliseconds);
            }

            return PushStatus.Pushed;
        }

        trail.Failed(outcome.Failure);
        if (outcome.Cancelled)
        {
            return new PushStatus("the key push was cancelled");
        }

        if (!lease.Rides)
        {
            scope.Instances.Invalidate(target.Target);
            LogPushFailed(logger, key.Fingerprint, instanceId, user, outcome.Failure);
        }

        return new PushStatus(outcome.Failure);
    }

    [LoggerMessage(100, LogLevel.Information, "connect {Host}: {InstanceId} at {Route} as {User} for pid {ProcessId}")]
    private static partial void LogConnect(ILogger logger, string host, string instanceId, string route, string user, int processId);

    [LoggerMessage(101, LogLevel.Warning, "connect {Host} refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string host, string reason);

    [LoggerMessage(102, LogLevel.Information, "pushed {Fingerprint} to {InstanceId} for {User} (request {RequestId}, {Milliseconds:0} ms)")]
    private static partial void LogPushed(ILogger logger, string fingerprint, string instanceId, string user, string? requestId, double milliseconds);

    [LoggerMessage(104, LogLevel.Information, "rode on {Fingerprint} for {InstanceId} as {User} (pushed in request {RequestId}, now bound to {Processes} ssh processes)")]
    private static partial void LogRode(ILogger logger, string fingerprint, string instanceId, string user, string? requestId, int processes);

    [LoggerMessage(105, LogLevel.Information, "connect {Host}: asking the user for the code of MFA device {MfaSerial}")]
    private static partial void LogMfaCodeRequired(ILogger logger, string host, string mfaSerial);

    [LoggerMessage(103, LogLevel.Warning, "push of {Fingerprint} to {InstanceId} for {User} failed: {Reason}")]
    private static partial void LogPushFailed(ILogger logger, string fingerprint, string instanceId, string user, string reason);
}
