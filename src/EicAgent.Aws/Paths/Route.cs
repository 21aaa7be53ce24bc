using EicAgent.Aws.Tls;

namespace EicAgent.Aws.Paths;

/// <summary>Where the ProxyCommand connects to reach the instance's sshd: a TCP address, or an endpoint websocket.</summary>
public abstract record Route;

/// <summary>Straight to an address of the instance (its public IP, or its private IP from inside the VPC).</summary>
public sealed record TcpRoute(string Address, int Port) : Route
{
    public override string ToString() => Address.Contains(':', StringComparison.Ordinal) ? $"[{Address}]:{Port}" : $"{Address}:{Port}";
}

/// <summary>Through an EC2 Instance Connect Endpoint: a presigned wss:// URL (good for 60 s) to the endpoint's DNS name.</summary>
public sealed record WebSocketRoute(Uri Url, string EndpointDnsName) : Route
{
    /// <summary>The CAs the websocket trusts instead of the system's: those of the scope that planned the route (null: the system's).</summary>
    public CaBundleSource? CaBundle { get; init; }

    // The presigned URL carries a signature: never log it.
    public override string ToString() => $"wss://{EndpointDnsName}";
}

/// <summary>
/// Through Session Manager: a session that StartSession opened with the AWS-StartSSHSession document, whose data
/// channel websocket (<paramref name="StreamUrl"/>) the proxy opens with <paramref name="TokenValue"/>.
/// </summary>
public sealed record SessionManagerRoute(string SessionId, Uri StreamUrl, string TokenValue) : Route
{
    /// <summary>The CAs the data channel's websocket trusts instead of the system's: those of the scope that started the session (null: the system's).</summary>
    public CaBundleSource? CaBundle { get; init; }

    // The token opens the session: never log it.
    public override string ToString() => $"ssm session {SessionId}";
}
