using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;

namespace EicAgent.Aws.Tunnels;

/// <summary>
/// The endpoint's openTunnel URL, presigned like the AWS CLI does: a GET with SigV4 query authentication, signing
/// name ec2-instance-connect, the scope's region, X-Amz-Expires=60, only host signed, the empty payload's hash.
/// maxTunnelDuration is sent only when the user chose one, as the AWS CLI does: the endpoint's default is the
/// longest tunnel it allows, and a policy that caps `ec2-instance-connect:maxTunnelDuration` needs a lower value.
/// </summary>
public static class TunnelUrlPresigner
{
    public const string SigningName = "ec2-instance-connect";
    public static readonly TimeSpan UrlLifetime = TimeSpan.FromSeconds(60);
    public static readonly TimeSpan MaxTunnelDuration = TimeSpan.FromHours(1);

    /// <summary>Whole seconds from 1 to 3600, what the endpoint accepts as maxTunnelDuration.</summary>
    public static bool IsValidDuration(int seconds) => seconds >= 1 && seconds <= (int)MaxTunnelDuration.TotalSeconds;

    public static Uri Presign(
        string endpointHost, string endpointId, string privateIpAddress, int remotePort, string region, AWSCredentials credentials, DateTime? signedAt = null,
        int? maxTunnelSeconds = null)
    {
        if (maxTunnelSeconds is { } seconds && !IsValidDuration(seconds))
        {
            throw new ArgumentOutOfRangeException(nameof(maxTunnelSeconds), seconds, "maxTunnelDuration is 1 to 3600 seconds");
        }

        var query = $"instanceConnectEndpointId={Uri.EscapeDataString(endpointId)}&remotePort={remotePort}" +
            $"&privateIpAddress={Uri.EscapeDataString(privateIpAddress)}" +
            (maxTunnelSeconds is { } duration ? $"&maxTunnelDuration={duration}" : "");
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
