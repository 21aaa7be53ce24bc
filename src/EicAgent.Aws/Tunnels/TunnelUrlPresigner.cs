using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;

namespace EicAgent.Aws.Tunnels;

/// <summary>
/// The endpoint's openTunnel URL, presigned like the AWS CLI does: a GET with SigV4 query authentication, signing
/// name ec2-instance-connect, the scope's region, X-Amz-Expires=60, only host signed, the empty payload's hash.
/// </summary>
public static class TunnelUrlPresigner
{
    public const string SigningName = "ec2-instance-connect";
    public static readonly TimeSpan UrlLifetime = TimeSpan.FromSeconds(60);
    public static readonly TimeSpan MaxTunnelDuration = TimeSpan.FromHours(1);

    public static Uri Presign(
        string endpointHost, string endpointId, string privateIpAddress, int remotePort, string region, AWSCredentials credentials, DateTime? signedAt = null)
    {
        var query = $"instanceConnectEndpointId={Uri.EscapeDataString(endpointId)}&remotePort={remotePort}" +
            $"&privateIpAddress={Uri.EscapeDataString(privateIpAddress)}&maxTunnelDuration={(int)MaxTunnelDuration.TotalSeconds}";
        var request = new AWSSigningRequest { HttpMethod = HttpMethod.Get, RequestUri = new Uri($"wss://{endpointHost}/openTunnel?{query}") };
        var parameters = new AWSSigV4Parameters
        {
            Credentials = credentials,
            Region = RegionEndpoint.GetBySystemName(region),
            Service = SigningName,
            SignPayload = true,
            SignedAt = signedAt ?? DateTime.UtcNow,
        };
        return AWSSigV4Signer.Presign(request, parameters, UrlLifetime).Uri;
    }
}
