using EicAgent.Aws.Errors;
using EicAgent.Aws.Paths;
using EicAgent.Aws.Scopes;
using Microsoft.Extensions.Logging;

namespace EicAgent.Cli.Connect;

/// <summary>
/// A Session Manager session lives on the service until someone terminates it (or it idles out, 20 minutes by
/// default): the agent terminates it as soon as the proxy that used it hangs up, whether ssh ended or failed.
/// </summary>
internal static partial class SessionManagerSessions
{
    private static readonly TimeSpan TerminateBound = TimeSpan.FromSeconds(30);

    public static void TerminateWhenClosed(Route route, IAwsScope scope, CancellationToken closed, ILogger logger)
    {
        if (route is SessionManagerRoute session)
        {
            closed.Register(() => _ = TerminateAsync(session.SessionId, scope, logger));
        }
    }

    private static async Task TerminateAsync(string sessionId, IAwsScope scope, ILogger logger)
    {
        using var bound = new CancellationTokenSource(TerminateBound);
        try
        {
            await scope.TerminateSessionAsync(sessionId, bound.Token).ConfigureAwait(false);
            LogTerminated(logger, sessionId);
        }
        catch (Exception error) when (error is EicAwsException or OperationCanceledException)
        {
            LogNotTerminated(logger, sessionId, error.Message);
        }
    }

    [LoggerMessage(110, LogLevel.Information, "terminated Session Manager session {SessionId}")]
    private static partial void LogTerminated(ILogger logger, string sessionId);

    [LoggerMessage(111, LogLevel.Warning, "could not terminate Session Manager session {SessionId}: {Reason}")]
    private static partial void LogNotTerminated(ILogger logger, string sessionId, string reason);
}
