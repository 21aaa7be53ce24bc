using EicAgent.Agent.Protocol;
using EicAgent.Agent.Protocol.Messages;
using Microsoft.Extensions.Logging;

namespace EicAgent.Agent.Core;

/// <summary>The extensions a server answers: the built-in ones, those registered at build time, and `query` listing them all.</summary>
internal sealed class AgentExtensions
{
    private readonly Dictionary<string, IAgentExtension> _byName = new(StringComparer.Ordinal);
    private readonly ILogger _logger;

    public AgentExtensions(IEnumerable<IAgentExtension> registered, ILogger logger)
    {
        _logger = logger;
        foreach (var extension in registered.Prepend(new SessionBindExtension(logger)))
        {
            if (!_byName.TryAdd(extension.Name, extension))
            {
                throw new ArgumentException($"two agent extensions are named {extension.Name}", nameof(registered));
            }
        }

        if (_byName.ContainsKey(QueryReply.ExtensionName))
        {
            throw new ArgumentException($"{QueryReply.ExtensionName} is built in", nameof(registered));
        }

        Names = [QueryReply.ExtensionName, .. _byName.Keys];
    }

    public IReadOnlyList<string> Names { get; }

    /*
     * byte    SSH_AGENTC_EXTENSION (27)
     * string  extension name
     * byte[]  contents
     */
    public async ValueTask<AgentMessage> HandleAsync(AgentSession session, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var request = ExtensionRequest.Read(body.Span);
        if (request.Name == QueryReply.ExtensionName)
        {
            return QueryReply.Create(Names);
        }

        if (!_byName.TryGetValue(request.Name, out var extension))
        {
            return _logger.Refuse(session, "extension", $"unknown extension {request.Name}");
        }

        try
        {
            return await extension.HandleAsync(session, request.Contents, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception)
        {
            // A known extension that fails says so (EXTENSION_FAILURE), apart from FAILURE: "no such extension here".
            AgentLog.ExtensionFailed(_logger, session.ConnectionId, request.Name, exception.GetType().Name, exception.Message);
            return AgentMessage.ExtensionFailure;
        }
    }
}
