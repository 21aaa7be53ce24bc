using EicAgent.Agent.Protocol;
using EicAgent.Agent.Protocol.Messages;
using Microsoft.Extensions.Logging;

namespace EicAgent.Agent.Core;

/// <summary>
/// The one switch from a request to its handler. Whatever a handler throws becomes FAILURE for that request
/// only: a bad request never ends the connection, let alone the agent.
/// </summary>
internal sealed class AgentDispatcher(KeyRing keys, AgentServerOptions options, ILogger logger)
{
    private readonly IdentityRequests _identities = new(keys, options, logger);
    private readonly SignRequests _signing = new(keys, options, logger);
    private readonly LockRequests _lock = new(keys.Time, logger);
    private readonly AgentExtensions _extensions = new(options.Extensions, logger);

    /// <summary>Handles one message: its type byte followed by its body.</summary>
    public async ValueTask<AgentMessage> DispatchAsync(AgentSession session, ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        var type = (AgentMessageType)message.Span[0];
        var body = message[1..];
        try
        {
            if (_lock.IsLocked && type != AgentMessageType.Unlock)
            {
                return type == AgentMessageType.RequestIdentities
                    ? IdentitiesAnswer.Create([])
                    : logger.Refuse(session, Describe(type), "the agent is locked");
            }

            return type switch
            {
                AgentMessageType.RequestIdentities => await _identities.ListAsync(session, cancellationToken),
                AgentMessageType.SignRequest => await _signing.SignAsync(session, body, cancellationToken),
                AgentMessageType.AddIdentity => _identities.Add(session, body.Span, constrained: false),
                AgentMessageType.AddIdentityConstrained => _identities.Add(session, body.Span, constrained: true),
                AgentMessageType.RemoveIdentity => _identities.Remove(session, body.Span),
                AgentMessageType.RemoveAllIdentities => _identities.RemoveAll(),
                AgentMessageType.RemoveAllRsaIdentities => AgentMessage.Success,
                AgentMessageType.Lock => _lock.Lock(session, body.Span),
                AgentMessageType.Unlock => await _lock.UnlockAsync(session, body, cancellationToken),
                AgentMessageType.Extension => await _extensions.HandleAsync(session, body, cancellationToken),
                _ => logger.Refuse(session, Describe(type), "unsupported message type"),
            };
        }
        catch (AgentProtocolException exception)
        {
            AgentLog.RequestUnreadable(logger, session.ConnectionId, Describe(type), exception.Message);
            return AgentMessage.Failure;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception)
        {
            AgentLog.RequestCrashed(logger, session.ConnectionId, Describe(type), exception);
            return AgentMessage.Failure;
        }
    }

    private static string Describe(AgentMessageType type) =>
        Enum.IsDefined(type) ? $"{type} ({(byte)type})" : $"message type {(byte)type}";
}
