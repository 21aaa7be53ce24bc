using EicAgent.Agent.Protocol;
using Microsoft.Extensions.Logging;

namespace EicAgent.Agent.Core;

/// <summary>Every refused request answers FAILURE and logs one line saying why, in the same form.</summary>
internal static class Refusal
{
    public static AgentMessage Refuse(this ILogger logger, AgentSession session, string request, string reason)
    {
        AgentLog.RequestRefused(logger, session.ConnectionId, session.Peer, request, reason);
        return AgentMessage.Failure;
    }
}
