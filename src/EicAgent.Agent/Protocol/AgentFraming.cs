namespace EicAgent.Agent.Protocol;

/// <summary>The limits of one frame: `uint32 length || byte type || body`.</summary>
public static class AgentFraming
{
    /// <summary>OpenSSH's agent refuses larger requests (AGENT_MAX_LEN) and so do we: the connection is closed.</summary>
    public const int MaxMessageLength = 256 * 1024;

    public const int LengthPrefixSize = 4;
}
