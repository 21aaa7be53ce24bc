using EicAgent.Agent.Client;
using EicAgent.Agent.Protocol;
using EicAgent.Agent.Protocol.Messages;
using Microsoft.Extensions.Logging;

namespace EicAgent.Agent.Core;

/// <summary>
/// The user's own agent behind eic (`eic agent --upstream SOCKET`): its keys are listed after eic's and signed
/// with there, so eic can be the one IdentityAgent. Each request opens its own connection with a bound: a dead
/// or stuck upstream costs one log line and its keys, never eic's own keys or a hang.
/// </summary>
internal sealed class UpstreamAgent(string path, ILogger logger)
{
    /// <summary>Listing is quick everywhere; an answer later than this is as good as none.</summary>
    public static readonly TimeSpan ListTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Signing may wait for a person (a confirmation prompt, a touch of a hardware key).</summary>
    public static readonly TimeSpan SignTimeout = TimeSpan.FromSeconds(60);

    public static UpstreamAgent? For(AgentServerOptions options, ILogger logger) =>
        options.UpstreamSocket is { Length: > 0 } path ? new UpstreamAgent(path, logger) : null;

    public async Task<IReadOnlyList<PublicIdentity>> ListAsync(AgentSession session, CancellationToken cancellationToken) =>
        await AskAsync(session, "list", ListTimeout, async (client, token) => (IReadOnlyList<PublicIdentity>?)await client.ListIdentitiesAsync(token), cancellationToken) ?? [];

    /// <summary>The signature blob, or null when the upstream refuses or does not answer.</summary>
    public Task<byte[]?> SignAsync(AgentSession session, SignRequest request, CancellationToken cancellationToken) =>
        AskAsync(session, "sign", SignTimeout, (client, token) => client.SignAsync(request, token), cancellationToken);

    private async Task<T?> AskAsync<T>(
        AgentSession session, string request, TimeSpan timeout, Func<AgentClient, CancellationToken, Task<T?>> ask, CancellationToken cancellationToken)
    {
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(timeout);
        try
        {
            await using var client = await AgentClient.ConnectAsync(path, bound.Token);
            return await ask(client, bound.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            AgentLog.UpstreamUnavailable(logger, session.ConnectionId, path, request, $"no answer within {timeout.TotalSeconds:0} s");
        }
        catch (Exception exception) when (exception is IOException or System.Net.Sockets.SocketException or AgentProtocolException or UnauthorizedAccessException)
        {
            AgentLog.UpstreamUnavailable(logger, session.ConnectionId, path, request, exception.Message);
        }

        return default;
    }
}
