using EicAgent.Agent.Core;
using EicAgent.Agent.Protocol;
using EicAgent.Aws.Errors;
using EicAgent.Aws.InstanceConnect;
using EicAgent.Aws.Scopes;
using EicAgent.Aws.Targets;
using EicAgent.Cli.Audit;
using Microsoft.Extensions.Logging;

namespace EicAgent.Cli.Connect;

/// <summary>
/// `eic proxy --push-key`: the user's own key is pushed for this connection instead of a minted one. Nothing is
/// minted or held back: whoever holds the private half signs, so the proxy waits for the push (push-status@eicagent)
/// before it lets ssh's bytes through.
/// </summary>
internal sealed partial class ConnectExtension
{
    private async Task<AgentMessage> ConnectWithExistingKeyAsync(
        AgentSession session, ConnectRequest request, byte[] keyBlob, TargetSpec target, IAwsScope scope, ClientBinding binding,
        CancellationToken cancellationToken)
    {
        var key = ExistingKey.FromBlob(keyBlob);
        var instance = await scope.Instances.ResolveAsync(target.Target, cancellationToken);
        var hostKeyNote = hostKeys.PublishAsync(session, request, scope, instance, cancellationToken);
        var route = request.SerialPort is { } serialPort
            ? SerialConsoleConnect.Plan(scope, instance, request.User, serialPort)
            : await scope.PlanRouteAsync(instance, request.Path, request.Port, request.EndpointId, cancellationToken, request.AutoOrder);
        SessionManagerSessions.TerminateWhenClosed(route, scope, session.Closed, logger);
        var push = request.SerialPort is { } port
            ? scope.PushSerialConsoleKeyAsync(instance, key.PublicKeyLine, port, session.Closed)
            : scope.PushKeyAsync(instance, request.User, key.PublicKeyLine, session.Closed);
        var trail = ConnectionAudit.Begin(audit, session, request.Host, instance.InstanceId, scope.Info, request.User, key.Fingerprint, binding.ProcessId);
        pushes.Add(session, FinishExistingKeyPushAsync(push, scope, target, instance.InstanceId, request.User, key, trail), key: null, binding: null);
        LogConnectWithExistingKey(logger, request.Host, instance.InstanceId, route.ToString(), request.User, key.Fingerprint, binding.ProcessId);
        return ConnectReply.To(instance.InstanceId, route, await hostKeyNote).ToMessage();
    }

    private async Task<PushStatus> FinishExistingKeyPushAsync(
        Task<KeyPushResult> push, IAwsScope scope, TargetSpec target, string instanceId, string user, ExistingKey key, ConnectionAudit trail)
    {
        // Called as the push starts: the time to its end is the push's.
        var started = keys.Time.GetTimestamp();
        try
        {
            var result = await push;
            if (!result.Success)
            {
                throw new EicAwsException(EicAwsErrorKind.Service, $"EC2 Instance Connect did not accept the key for {user} on {instanceId} (request {result.RequestId})");
            }

            trail.Pushed(result.RequestId);
            LogPushed(logger, key.Fingerprint, instanceId, user, result.RequestId, keys.Time.GetElapsedTime(started).TotalMilliseconds);
            return PushStatus.Pushed;
        }
        catch (EicAwsException exception)
        {
            trail.Failed(exception.Message);
            scope.Instances.Invalidate(target.Target);
            LogPushFailed(logger, key.Fingerprint, instanceId, user, exception.Message);
            return new PushStatus(exception.Message);
        }
        catch (OperationCanceledException)
        {
            trail.Failed("the connection ended before the key was pushed");
            return new PushStatus("the key push was cancelled");
        }
    }

    [LoggerMessage(106, LogLevel.Information, "connect {Host}: {InstanceId} at {Route} as {User} with the existing key {Fingerprint} for pid {ProcessId}")]
    private static partial void LogConnectWithExistingKey(ILogger logger, string host, string instanceId, string route, string user, string fingerprint, int processId);
}
