using EicAgent.Agent.Protocol;

namespace EicAgent.Cli.Status;

/// <summary>What a running agent holds, for `eic status`: never key material, only fingerprints.</summary>
internal sealed record AgentStatus(int ProcessId, int UserKeys, IReadOnlyList<HeldMintedKey> MintedKeys)
{
    public const string ExtensionName = "status@eicagent";

    /*
     * SSH_AGENT_SUCCESS (6), then
     * uint32  agent process id
     * uint32  number of the user's own keys
     * uint32  n; n x (string fingerprint; string OS user; uint32 bound ssh pid; uint32 seconds left)
     */
    public AgentMessage ToMessage() => AgentMessage.Create(AgentMessageType.Success, writer =>
    {
        writer.WriteUInt32((uint)ProcessId);
        writer.WriteUInt32((uint)UserKeys);
        writer.WriteUInt32((uint)MintedKeys.Count);
        foreach (var key in MintedKeys)
        {
            writer.WriteString(key.Fingerprint);
            writer.WriteString(key.OsUser);
            writer.WriteUInt32((uint)key.BoundProcessId);
            writer.WriteUInt32((uint)key.SecondsLeft);
        }
    });

    public static AgentStatus Read(AgentMessage message)
    {
        if (message.Type != AgentMessageType.Success)
        {
            throw new AgentProtocolException($"the agent does not answer {ExtensionName} (is it an eic agent?)");
        }

        var reader = new SshReader(message.Body);
        var processId = (int)reader.ReadUInt32();
        var userKeys = (int)reader.ReadUInt32();
        var count = reader.ReadUInt32();
        var minted = new List<HeldMintedKey>();
        for (var i = 0; i < count; i++)
        {
            minted.Add(new HeldMintedKey(reader.ReadUtf8String(), reader.ReadUtf8String(), (int)reader.ReadUInt32(), (int)reader.ReadUInt32()));
        }

        reader.EnsureAtEnd();
        return new AgentStatus(processId, userKeys, minted);
    }
}

/// <summary>A minted key still waiting for (or in) its one use.</summary>
internal sealed record HeldMintedKey(string Fingerprint, string OsUser, int BoundProcessId, int SecondsLeft);
