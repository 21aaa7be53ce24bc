using EicAgent.Agent.Protocol;

namespace EicAgent.Cli.Status;

/// <summary>What a running agent holds, for `eic status`: never key material, only fingerprints.</summary>
internal sealed record AgentStatus(int ProcessId, int UserKeys, IReadOnlyList<HeldMintedKey> MintedKeys)
{
    public const string ExtensionName = "status@eicagent";

    /// <summary>Which eic the agent runs (null from older agents).</summary>
    public AgentBinary? Binary { get; init; }

    public AgentBinary.State BinaryState { get; init; }

    /*
     * SSH_AGENT_SUCCESS (6), then
     * uint32  agent process id
     * uint32  number of the user's own keys
     * uint32  n; n x (string fingerprint; string OS user; uint32 bound ssh pid; uint32 seconds left)
     * then, optional (absent from older agents):
     * string  eic version; uint32 start time (Unix seconds); string binary path;
     * byte    the binary since: 0 as started, 1 replaced, 2 removed
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

        if (Binary is not null)
        {
            writer.WriteString(Binary.Version);
            writer.WriteUInt32((uint)Binary.StartedAt.ToUnixTimeSeconds());
            writer.WriteString(Binary.Path);
            writer.WriteByte((byte)BinaryState);
        }
    });

    public static AgentStatus Read(AgentMessage message)
    {
        Connect.ExtensionReply.EnsureSuccess(message, ExtensionName);
        var reader = new SshReader(message.Body);
        var processId = (int)reader.ReadUInt32();
        var userKeys = (int)reader.ReadUInt32();
        var count = reader.ReadUInt32();
        var minted = new List<HeldMintedKey>();
        for (var i = 0; i < count; i++)
        {
            minted.Add(new HeldMintedKey(reader.ReadUtf8String(), reader.ReadUtf8String(), (int)reader.ReadUInt32(), (int)reader.ReadUInt32()));
        }

        AgentBinary? binary = null;
        var state = AgentBinary.State.AsStarted;
        if (!reader.AtEnd)
        {
            binary = new AgentBinary(reader.ReadUtf8String(), DateTimeOffset.FromUnixTimeSeconds(reader.ReadUInt32()), reader.ReadUtf8String());
            state = (AgentBinary.State)reader.ReadByte();
        }

        reader.EnsureAtEnd();
        return new AgentStatus(processId, userKeys, minted) { Binary = binary, BinaryState = state };
    }
}

/// <summary>A minted key still waiting for (or in) its one use.</summary>
internal sealed record HeldMintedKey(string Fingerprint, string OsUser, int BoundProcessId, int SecondsLeft);
