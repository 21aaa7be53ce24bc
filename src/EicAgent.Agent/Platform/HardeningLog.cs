using Microsoft.Extensions.Logging;

namespace EicAgent.Agent.Platform;

internal static partial class HardeningLog
{
    [LoggerMessage(60, LogLevel.Warning, "other processes of this user may read the agent's memory: {Reason}")]
    public static partial void Failed(ILogger logger, string reason);
}
