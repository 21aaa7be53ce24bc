using EicAgent.Aws.Paths;

namespace EicAgent.Aws.SessionManager;

/// <summary>The three Systems Manager calls a Session Manager route needs.</summary>
internal interface ISessionManagerApi : IDisposable
{
    /// <summary>The instance's ping status in DescribeInstanceInformation ("Online", "ConnectionLost", ...); null when Systems Manager does not manage it.</summary>
    Task<string?> PingStatusAsync(string instanceId, CancellationToken cancellationToken);

    /// <summary>Every instance Systems Manager has online in this region (for `eic ls`).</summary>
    Task<HashSet<string>> OnlineInstancesAsync(CancellationToken cancellationToken);

    /// <summary>StartSession with AWS-StartSSHSession to <paramref name="port"/> on the instance.</summary>
    Task<SessionManagerRoute> StartSshSessionAsync(string instanceId, int port, CancellationToken cancellationToken);

    Task TerminateSessionAsync(string sessionId, CancellationToken cancellationToken);
}
