namespace EicAgent.Agent.Protocol.Messages;

/// <summary>The answer to the `query` extension: the names of the extensions the agent supports.</summary>
public static class QueryReply
{
    public const string ExtensionName = "query";

    /*
     * byte      SSH_AGENT_SUCCESS (6)
     * string[]  extension names, one string each until the end of the message
     */
    public static AgentMessage Create(IEnumerable<string> extensionNames) =>
        AgentMessage.Create(AgentMessageType.Success, writer =>
        {
            foreach (var name in extensionNames)
            {
                writer.WriteString(name);
            }
        });

    public static IReadOnlyList<string> Read(ReadOnlySpan<byte> body)
    {
        var reader = new SshReader(body);
        var names = new List<string>();
        while (!reader.AtEnd)
        {
            names.Add(reader.ReadUtf8String());
        }

        return names;
    }
}
