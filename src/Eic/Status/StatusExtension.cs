using EicAgent.Agent.Core;
using EicAgent.Agent.Protocol;

namespace EicAgent.Cli.Status;

/// <summary>Answers `status@eicagent`: how many keys the agent holds, and for whom the minted ones are.</summary>
internal sealed class StatusExtension(KeyRing keys) : IAgentExtension
{
    public string Name => AgentStatus.ExtensionName;

    public ValueTask<AgentMessage> HandleAsync(AgentSession session, ReadOnlyMemory<byte> contents, CancellationToken cancellationToken)
    {
        var now = keys.Time.GetUtcNow();
        var minted = keys.MintedKeys()
            .Select(key => new HeldMintedKey(key.Fingerprint, key.OsUser, key.Binding.ProcessId, (int)Math.Ceiling((key.ExpiresAt - now).TotalSeconds)))
            .ToArray();
        var status = new AgentStatus(Environment.ProcessId, keys.UserKeyCount, minted)
        {
            Binary = AgentBinary.Current,
            BinaryState = AgentBinary.CurrentState(),
        };
        return ValueTask.FromResult(status.ToMessage());
    }
}
