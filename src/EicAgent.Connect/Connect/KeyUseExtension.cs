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
        // signed. A process that reached user authentication and never signed with a live key was refused by the
        // instance; one that never reached it (it refused the host key) or whose key expired says nothing (ssh may
        // have waited at a prompt past the key's lifetime). A key it accepted for another login proves the user is there.
        if (key.IsWaiting(binding))
        {
            return key.Outcome.IsCompleted || !key.ReachedAuthentication(binding) ? KeyUse.Unknown
                : key.SignedForALogin ? KeyUse.RefusedThoughAcceptedForAnotherLogin
                : KeyUse.PushedNeverSigned;
        }

        return key.IsBoundTo(binding) ? KeyUse.Signed : KeyUse.Unknown;
    }
}
