using EicAgent.Agent.Core;
using EicAgent.Agent.Protocol;

namespace EicAgent.Cli.Connect;

/// <summary>Answers, once the push is over, how the push that this connection's `connect@eicagent` started ended.</summary>
internal sealed class PushStatusExtension(ConnectionPushes pushes) : IAgentExtension
{
    public string Name => PushStatus.ExtensionName;

    public async ValueTask<AgentMessage> HandleAsync(AgentSession session, ReadOnlyMemory<byte> contents, CancellationToken cancellationToken)
    {
        var push = pushes.Find(session)
            ?? throw new InvalidOperationException($"{PushStatus.ExtensionName} before {ConnectRequest.ExtensionName} on this connection");
        var status = await push.WaitAsync(cancellationToken);
        return status.ToMessage();
    }
}
