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
internal sealed partial class ConnectExtension(KeyRing keys, AwsScopes scopes, ConnectionPushes pushes, AuditLog audit, ILogger<ConnectExtension> logger)
    : IAgentExtension
{
    public string Name => ConnectRequest.ExtensionName;

    public async ValueTask<AgentMessage> HandleAsync(AgentSession session, ReadOnlyMemory<byte> contents, CancellationToken cancellationToken)
    {
        var request = ConnectRequest.Read(contents.Span);
        ClientBinding? binding = null;
        AwsScope? scope = null;
        MintedKey? key = null;
        Task<KeyPushResult>? push = null;
        try
        {
            binding = ClientBinding.ForParentOf(session.Peer);
            var target = TargetSpec.Parse(request.Host, request.Profile, request.Region);
            scope = await scopes.GetAsync(target, request.Context, cancellationToken);
            key = keys.Mint(binding, request.User);

            // An instance id is all SendSSHPublicKey needs (the Availability Zone is optional), so the push starts
            // before the lookup: when the instance is not cached yet, it runs alongside that DescribeInstances.
            push = target.Kind == TargetKind.InstanceId ? scope.PushKeyAsync(target.Target, request.User, key.PublicKeyLine, cancellationToken) : null;
            var instance = await scope.Instances.ResolveAsync(target.Target, cancellationToken);
            var route = await scope.PlanRouteAsync(instance, request.Path, request.Port, request.EndpointId, cancellationToken);
            push ??= scope.PushKeyAsync(instance, request.User, key.PublicKeyLine, cancellationToken);
            var trail = ConnectionAudit.Begin(audit, session, request.Host, instance.InstanceId, scope.Info, request.User, key.Fingerprint, binding.ProcessId);
            pushes.Add(session, FinishPushAsync(push, scope, target, instance.InstanceId, request.User, key, trail));
            LogConnect(logger, request.Host, instance.InstanceId, route.ToString(), request.User, binding.ProcessId);
            return ConnectReply.To(instance.InstanceId, route).ToMessage();
        }
        catch (Exception exception) when (exception is EicAwsException or InvalidOperationException)
        {
            if (key is not null)
            {
                keys.Forget(key, MintedKeyOutcome.Discarded);
            }

            push?.ContinueWith(static ended => ended.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            ConnectionAudit.Refused(audit, session, request.Host, scope?.Info, request.User, binding?.ProcessId, exception.Message);
            LogRefused(logger, request.Host, exception.Message);
            return ConnectReply.Refuse(exception.Message).ToMessage();
        }
    }

    private async Task<PushStatus> FinishPushAsync(
        Task<KeyPushResult> push, AwsScope scope, TargetSpec target, string instanceId, string user, MintedKey key, ConnectionAudit trail)
    {
        try
        {
            var result = await push;
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

    [LoggerMessage(103, LogLevel.Warning, "push of {Fingerprint} to {InstanceId} for {User} failed: {Reason}")]
    private static partial void LogPushFailed(ILogger logger, string fingerprint, string instanceId, string user, string reason);
}
