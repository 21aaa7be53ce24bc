using EicAgent.Agent.Protocol;

namespace EicAgent.Agent.Core;

/// <summary>
/// A handler for one EXTENSION (27) request name, registered when the server is built (e.g. the ProxyCommand's
/// `connect@eicagent`). Its name is listed in the answer to `query`. The handler gets the raw contents (what
/// follows the name, not wrapped in a string) and returns the whole reply; an exception becomes FAILURE.
/// </summary>
public interface IAgentExtension
{
    string Name { get; }

    ValueTask<AgentMessage> HandleAsync(AgentSession session, ReadOnlyMemory<byte> contents, CancellationToken cancellationToken);
}
