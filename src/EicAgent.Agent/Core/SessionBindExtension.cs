using EicAgent.Agent.Keys;
using EicAgent.Agent.Protocol;
using EicAgent.Agent.Protocol.Messages;
using Microsoft.Extensions.Logging;

namespace EicAgent.Agent.Core;

/// <summary>
/// `session-bind@openssh.com`: accepted only when the server's key-exchange signature over the session id
/// verifies with the host key it names; then the binding is kept on the connection.
/// </summary>
internal sealed class SessionBindExtension(ILogger logger) : IAgentExtension
{
    public string Name => SessionBindRequest.ExtensionName;

    public ValueTask<AgentMessage> HandleAsync(AgentSession session, ReadOnlyMemory<byte> contents, CancellationToken cancellationToken)
    {
        var request = SessionBindRequest.Read(contents.Span);
        if (!SshSignatureVerifier.Verify(request.HostKeyBlob, request.SessionId, request.Signature))
        {
            return ValueTask.FromResult(logger.Refuse(session, Name, "the host key's signature over the session id does not verify"));
        }

        if (session.TryBind(new SessionBinding(request.HostKeyBlob, request.SessionId, request.IsForwarding)) is { } reason)
        {
            return ValueTask.FromResult(logger.Refuse(session, Name, reason));
        }

        AgentLog.SessionBound(logger, session.ConnectionId, SshPublicKey.Fingerprint(request.HostKeyBlob), request.IsForwarding);
        return ValueTask.FromResult(AgentMessage.Success);
    }
}
