using EicAgent.Agent.Core;
using EicAgent.Agent.Protocol;
using EicAgent.Aws.Errors;
using EicAgent.Aws.Scopes;
using EicAgent.Cli.HostKeys;

namespace EicAgent.Cli.Hosts;

/// <summary>Answers `known-hosts@eicagent` with the agent's warm scopes and resolution cache.</summary>
internal sealed class KnownHostsExtension(AwsScopes scopes, InstanceHostKeys hostKeys) : IAgentExtension
{
    private readonly KnownHostsLookup _lookup = new(scopes, hostKeys);

    public string Name => KnownHostsQuery.ExtensionName;

    public async ValueTask<AgentMessage> HandleAsync(AgentSession session, ReadOnlyMemory<byte> contents, CancellationToken cancellationToken)
    {
        var query = KnownHostsQuery.Read(contents.Span);
        try
        {
            var answer = await _lookup.FindAsync(query.KnownHostsName, query.Target, query.Profile, query.Region, query.Context, cancellationToken);
            return KnownHostsQuery.Reply(answer);
        }
        catch (Exception exception) when (exception is EicAwsException or FormatException)
        {
            return KnownHostsQuery.Failure(exception.Message);
        }
    }
}
