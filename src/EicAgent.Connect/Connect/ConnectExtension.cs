using EicAgent.Agent.Core;
using EicAgent.Agent.Protocol;
using EicAgent.Aws.Errors;
using EicAgent.Aws.InstanceConnect;
using EicAgent.Aws.Instances;
using EicAgent.Aws.Paths;
using EicAgent.Aws.Scopes;
using EicAgent.Aws.Targets;
using EicAgent.Cli.Audit;
using Microsoft.Extensions.Logging;

namespace EicAgent.Cli.Connect;

/// <summary>
/// The agent's half of a ProxyCommand connection: resolve the host, mint a key bound to the ssh process that
/// started the proxy, start pushing it, and answer at once with where to connect -- the push overlaps the TCP
/// connect and the SSH key exchange, and the agent holds ssh's sign request until the push is done.
/// </summary>
internal sealed partial class ConnectExtension(
    KeyRing keys, SshClientBinder binder, IAwsScopes scopes, ConnectionPushes pushes, MintLimits limits, AuditLog audit, ILogger<ConnectExtension> logger)
    : IAgentExtension
{
    public string Name => ConnectRequest.ExtensionName;

    public async ValueTask<AgentMessage> HandleAsync(AgentSession session, ReadOnlyMemory<byte> contents, CancellationToken cancellationToken)
    {
        ConnectRequest? request = null;
        ClientBinding? binding = null;
        TargetSpec? target = null;
        IAwsScope? scope = null;
        MintedKey? key = null;
        Task<KeyPushResult>? push = null;
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
            key = keys.Mint(binding, request.User);

            // An instance id is all SendSSHPublicKey needs (the Availability Zone is optional), so the push starts
            // before the lookup: when the instance is not cached yet, it runs alongside that DescribeInstances.
            // Pushes end with the proxy's connection (session.Closed), not with this request or the agent.
            var serial = request.SerialPort is not null;
            if (target.Kind == TargetKind.InstanceId && !serial)
            {
                limits.Admit(key, target.Target, request.User, keys.Time);
                push = scope.PushKeyAsync(target.Target, request.User, key.PublicKeyLine, session.Closed);
            }

            var instance = await scope.Instances.ResolveAsync(target.Target, cancellationToken);
            var route = serial
                ? SerialConsoleConnect.Plan(scope, instance, request.User, request.SerialPort!.Value)
                : await scope.PlanRouteAsync(instance, request.Path, request.Port, request.EndpointId, cancellationToken, request.AutoOrder, request.MaxTunnelSeconds);
            SessionManagerSessions.TerminateWhenClosed(route, scope, session.Closed, logger);
            if (push is null)
            {
                limits.Admit(key, instance.InstanceId, request.User, keys.Time);
                push = serial
                    ? scope.PushSerialConsoleKeyAsync(instance, key.PublicKeyLine, request.SerialPort!.Value, session.Closed)
                    : scope.PushKeyAsync(instance, request.User, key.PublicKeyLine, session.Closed);
            }

            var trail = ConnectionAudit.Begin(audit, session, request.Host, instance.InstanceId, scope.Info, request.User, key.Fingerprint, binding.ProcessId);
            pushes.Add(session, FinishPushAsync(push, scope, target, instance.InstanceId, request.User, key, trail), key);
            LogConnect(logger, request.Host, instance.InstanceId, route.ToString(), request.User, binding.ProcessId);
            return ConnectReply.To(instance.InstanceId, route).ToMessage();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception)
        {
            // One contract: whatever went wrong is a refusal with its reason and an audit line, never a crash.
            var reason = ConnectFailure.Reason(exception);
            if (key is not null)
            {
                keys.Forget(key, MintedKeyOutcome.Discarded);
            }

            var host = request?.Host ?? "(unreadable request)";
            if (push is not null)
            {
                _ = AuditEarlyPushAsync(push, ConnectionAudit.ForEarlyPush(
                    audit, session, host, target!.Target, scope!.Info, request!.User, key!.Fingerprint, binding!.ProcessId), reason);
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
    private static async Task AuditEarlyPushAsync(Task<KeyPushResult> push, ConnectionAudit trail, string refusal)
    {
        try
        {
            var result = await push.ConfigureAwait(false);
            if (result.Success)
            {
                trail.Pushed(result.RequestId);
            }
            else
            {
                trail.Failed($"EC2 Instance Connect did not accept the key (request {result.RequestId}); the connection was refused: {refusal}");
            }
        }
        catch (Exception exception) when (exception is EicAwsException or OperationCanceledException)
        {
            trail.Failed(exception.Message);
        }
    }

    private async Task<PushStatus> FinishPushAsync(
        Task<KeyPushResult> push, IAwsScope scope, TargetSpec target, string instanceId, string user, MintedKey key, ConnectionAudit trail)
    {
        try
        {
            var result = await push;
            if (!result.Success)
            {
                throw new EicAwsException(EicAwsErrorKind.Service, $"EC2 Instance Connect did not accept the key for {user} on {instanceId} (request {result.RequestId})");
            }

            key.MarkReady();
            trail.Pushed(result.RequestId);
            LogPushed(logger, key.Fingerprint, instanceId, user, result.RequestId, key.PushDuration.TotalMilliseconds);
            return PushStatus.Pushed;
        }
        catch (EicAwsException exception)
        {
            key.MarkFailed(exception.Message);
            trail.Failed(exception.Message);
            scope.Instances.Invalidate(target.Target);
            LogPushFailed(logger, key.Fingerprint, instanceId, user, exception.Message);
            return new PushStatus(exception.Message);
        }
        catch (OperationCanceledException)
        {
            key.MarkFailed("the connection ended before the key was pushed");
            trail.Failed("the connection ended before the key was pushed");
            return new PushStatus("the key push was cancelled");
        }
    }

    [LoggerMessage(100, LogLevel.Information, "connect {Host}: {InstanceId} at {Route} as {User} for pid {ProcessId}")]
    private static partial void LogConnect(ILogger logger, string host, string instanceId, string route, string user, int processId);

    [LoggerMessage(101, LogLevel.Warning, "connect {Host} refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string host, string reason);

    [LoggerMessage(102, LogLevel.Information, "pushed {Fingerprint} to {InstanceId} for {User} (request {RequestId}, {Milliseconds:0} ms)")]
    private static partial void LogPushed(ILogger logger, string fingerprint, string instanceId, string user, string? requestId, double milliseconds);

    [LoggerMessage(104, LogLevel.Information, "connect {Host}: asking the user for the code of MFA device {MfaSerial}")]
    private static partial void LogMfaCodeRequired(ILogger logger, string host, string mfaSerial);

    [LoggerMessage(103, LogLevel.Warning, "push of {Fingerprint} to {InstanceId} for {User} failed: {Reason}")]
    private static partial void LogPushFailed(ILogger logger, string fingerprint, string instanceId, string user, string reason);
}
