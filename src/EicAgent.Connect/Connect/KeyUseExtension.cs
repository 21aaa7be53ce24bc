using EicAgent.Agent.Core;
using EicAgent.Agent.Protocol;

namespace EicAgent.Cli.Connect;

/// <summary>Answers at once whether ssh signed with the key that this connection's `connect@eicagent` pushed.</summary>
internal sealed class KeyUseExtension(ConnectionPushes pushes) : IAgentExtension
{
    public string Name => KeyUseMessage.ExtensionName;

    public ValueTask<AgentMessage> HandleAsync(AgentSession session, ReadOnlyMemory<byte> contents, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Of(pushes.FindConnection(session)).ToMessage());

    private static KeyUse Of(ConnectionPush? push)
    {
        if (push?.Key is null || !push.Status.IsCompletedSuccessfully || push.Status.Result.Failure is not null)
        {
            return KeyUse.Unknown;
        }

        // A key still alive was never signed with; one that expired says nothing about the instance (ssh may have
        // waited at a prompt past its lifetime).
        return push.Key.Outcome.IsCompleted
            ? push.Key.Outcome.Result == MintedKeyOutcome.Used ? KeyUse.Signed : KeyUse.Unknown
            : KeyUse.PushedNeverSigned;
    }
}
