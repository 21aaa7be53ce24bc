using Amazon;
using Amazon.Runtime.Signing;
using EicAgent.Simulator.Http;
using EicAgent.Simulator.Signing;
using EicAgent.Testing;
using Xunit;

namespace EicAgent.Simulator.Tests;

/// <summary>
/// The verifier also takes SigV4 in the query string: the presigned GET that opens an EC2 Instance Connect Endpoint
/// websocket (signed here by the SDK's AWSSigV4Signer.Presign exactly as a client would).
/// </summary>
public sealed class SigV4PresignedUrlTests
{
    private const string OpenTunnel =
        "wss://eice-0a1b2c3d4e5f6c003.1a2b3c4d.ec2-instance-connect-endpoint.us-east-1.amazonaws.com/openTunnel"
        + "?instanceConnectEndpointId=eice-0a1b2c3d4e5f6c003&remotePort=22&privateIpAddress=127.0.0.116&maxTunnelDuration=3600";

    private readonly AdjustableClock _clock = new();

    [Fact]
    public void A_presigned_URL_is_accepted_within_its_lifetime()
    {
        var verified = Verify(Presign(), "ec2-instance-connect", out var caller, out var failure);

        Assert.True(verified, failure?.Message);
        Assert.Equal(SimulatedCaller.Default, caller);
    }

    [Fact]
    public void A_presigned_URL_is_refused_once_its_60_seconds_are_over()
    {
        var request = Presign();
        _clock.Advance(TimeSpan.FromSeconds(61));

        Assert.False(Verify(request, "ec2-instance-connect", out _, out var failure));
        Assert.Equal(SignatureFailureKind.Expired, failure!.Kind);
    }

    [Fact]
    public void A_changed_query_parameter_breaks_the_signature()
    {
        var request = Presign();
        var tampered = new AwsRequest(request.Method, request.RawPath, request.RawQuery.Replace("remotePort=22", "remotePort=3389", StringComparison.Ordinal), request.Headers, request.Body);

        Assert.False(Verify(tampered, "ec2-instance-connect", out _, out var failure));
        Assert.Equal(SignatureFailureKind.Mismatch, failure!.Kind);
    }

    [Fact]
    public void A_presigned_URL_for_another_service_is_refused()
    {
        Assert.False(Verify(Presign(), "ec2", out _, out var failure));
        Assert.Equal(SignatureFailureKind.WrongScope, failure!.Kind);
    }

    private bool Verify(AwsRequest request, string service, out SimulatedCaller? caller, out SignatureFailure? failure) =>
        new SigV4Verifier([SimulatedCaller.Default], "us-east-1", _clock).TryVerify(request, service, out caller, out failure);

    // The request a server receives for the presigned URL: GET, path and query as signed, the Host header.
    private static AwsRequest Presign()
    {
        var caller = SimulatedCaller.Default;
        var presigned = AWSSigV4Signer.Presign(
            new AWSSigningRequest { HttpMethod = HttpMethod.Get, RequestUri = new Uri(OpenTunnel) },
            new AWSSigV4Parameters
            {
                Credentials = CallerCredentials.For(caller),
                Region = RegionEndpoint.USEast1,
                Service = "ec2-instance-connect",
                SignPayload = true,
            },
            TimeSpan.FromSeconds(60));
        var url = presigned.Uri.OriginalString;
        var target = url[url.IndexOf('/', "wss://".Length)..];
        var question = target.IndexOf('?', StringComparison.Ordinal);
        return new AwsRequest("GET", target[..question], target[(question + 1)..],
            new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Host"] = presigned.Uri.Host }, []);
    }
}
