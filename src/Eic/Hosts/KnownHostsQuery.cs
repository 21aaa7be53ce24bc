using EicAgent.Agent.Protocol;
using EicAgent.Aws.Scopes;
using EicAgent.Cli.Connect;

namespace EicAgent.Cli.Hosts;

/// <summary>
/// `known-hosts@eicagent`: the KnownHostsCommand asks the running agent, whose resolution cache and AWS clients are
/// warm (the ProxyCommand has just resolved the same host), instead of paying for AWS calls of its own.
/// </summary>
internal sealed record KnownHostsQuery(string KnownHostsName, string? Target, string? Profile, string? Region)
{
    public const string ExtensionName = "known-hosts@eicagent";

    /// <summary>The caller's AWS variables, as for connect@eicagent.</summary>
    public AwsContext Context { get; init; } = AwsContext.Empty;

    /*
     * contents of SSH_AGENTC_EXTENSION "known-hosts@eicagent":
     * string  the name ssh checks (%H)
     * string  the host to resolve (%h), "" for the same
     * string  AWS profile, "" for the default
     * string  AWS region, "" for the default
     * uint32  n, then n x (string name; string value): the caller's AWS variables (optional, as for connect@eicagent)
     */
    public byte[] Write()
    {
        using var writer = new SshWriter();
        writer.WriteString(KnownHostsName);
        writer.WriteString(Target ?? "");
        writer.WriteString(Profile ?? "");
        writer.WriteString(Region ?? "");
        AwsContextWire.Write(writer, Context);
        return writer.ToArray();
    }

    public static KnownHostsQuery Read(ReadOnlySpan<byte> contents)
    {
        var reader = new SshReader(contents);
        var query = new KnownHostsQuery(reader.ReadUtf8String(), Empty(reader.ReadUtf8String()), Empty(reader.ReadUtf8String()), Empty(reader.ReadUtf8String()))
        {
            Context = AwsContextWire.Read(ref reader),
        };
        reader.EnsureAtEnd();
        return query;
    }

    /*
     * SSH_AGENT_SUCCESS (6), then
     * byte    0 = answer:  uint32 n; n x string known_hosts line; string why there are none ("" when there are)
     *         1 = failed:  string reason, one line for the user
     */
    public static AgentMessage Reply(KnownHostsLookup.Answer answer) => AgentMessage.Create(AgentMessageType.Success, writer =>
    {
        writer.WriteByte(0);
        writer.WriteUInt32((uint)answer.Lines.Count);
        foreach (var line in answer.Lines)
        {
            writer.WriteString(line);
        }

        writer.WriteString(answer.Missing ?? "");
    });

    public static AgentMessage Failure(string reason) => AgentMessage.Create(AgentMessageType.Success, writer =>
    {
        writer.WriteByte(1);
        writer.WriteString(reason);
    });

    /// <summary>The answer, or throws <see cref="KnownHostsFailedException"/> with the agent's one-line reason.</summary>
    public static KnownHostsLookup.Answer ReadReply(AgentMessage message)
    {
        ExtensionReply.EnsureSuccess(message, ExtensionName);
        var reader = new SshReader(message.Body);
        if (reader.ReadByte() != 0)
        {
            throw new KnownHostsFailedException(reader.ReadUtf8String());
        }

        var lines = new List<string>();
        for (var count = reader.ReadUInt32(); count > 0; count--)
        {
            lines.Add(reader.ReadUtf8String());
        }

        var missing = reader.ReadUtf8String();
        reader.EnsureAtEnd();
        return new KnownHostsLookup.Answer(lines, Empty(missing));
    }

    private static string? Empty(string text) => text.Length == 0 ? null : text;
}

/// <summary>The agent could not find the host keys; the message is one line for the user.</summary>
internal sealed class KnownHostsFailedException(string message) : Exception(message);
