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
        if (push is not { Key: { } key, Binding: { } binding } || !push.Status.IsCompletedSuccessfully || push.Status.Result.Failure is not null)
        {
            return KeyUse.Unknown;
        }

        // Asked of this connection's ssh process, not of the key: riders may keep a shared key alive after this ssh
        // signed. A process that never signed with a live key was refused by the instance; once the key expired,
        // that says nothing (ssh may have waited at a prompt past its lifetime).
        if (key.IsWaiting(binding))
        {
            return key.Outcome.IsCompleted ? KeyUse.Unknown : KeyUse.PushedNeverSigned;
        }

        return key.IsBoundTo(binding) ? KeyUse.Signed : KeyUse.Unknown;
    }
}
