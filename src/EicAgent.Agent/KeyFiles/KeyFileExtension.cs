using EicAgent.Agent.Core;
using EicAgent.Agent.Protocol;
using Microsoft.Extensions.Logging;

namespace EicAgent.Agent.KeyFiles;

/// <summary>
/// `key-file@eicagent` from the ProxyCommand: "the ssh that started me reads this IdentityFile" (its --key-file).
/// contents: string path, as ssh expanded it. Reply SUCCESS, or FAILURE when the key will be offered instead.
/// </summary>
public sealed partial class KeyFileExtension(KeyFileHandover handover, SshClientBinder binder, ILogger<KeyFileExtension> logger) : IAgentExtension
{
    public const string ExtensionName = "key-file@eicagent";

    public string Name => ExtensionName;

    public ValueTask<AgentMessage> HandleAsync(AgentSession session, ReadOnlyMemory<byte> contents, CancellationToken cancellationToken)
    {
        var reader = new SshReader(contents.Span);
        var path = reader.ReadUtf8String();
        reader.EnsureAtEnd();
        try
        {
            handover.Expect(binder.ForParentOf(session.Peer), path, session.Closed);
            return ValueTask.FromResult(AgentMessage.Success);
        }
        catch (InvalidOperationException exception)
        {
            LogByOffer(logger, session.ConnectionId, exception.Message);
            return ValueTask.FromResult(AgentMessage.Failure);
        }
    }

    /// <summary>The request the proxy sends.</summary>
    public static byte[] Request(string path)
    {
        using var writer = new SshWriter();
        writer.WriteString(path);
        return writer.ToArray();
    }

    [LoggerMessage(143, LogLevel.Information, "connection {ConnectionId}: the key goes by the agent's offer, not a key file: {Reason}")]
    private static partial void LogByOffer(ILogger logger, long connectionId, string reason);
}
