using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Amazon.Runtime;
using EicAgent.Aws.Tunnels;
using Xunit;

namespace EicAgent.Aws.Tests;

/// <summary>The openTunnel URL: its parameters, and a SigV4 query signature recomputed here from the AWS documentation.</summary>
public sealed class TunnelUrlPresignerTests
{
    private const string Host = "eice-0123.abcd.ec2-instance-connect-endpoint.eu-west-1.amazonaws.com";
    private static readonly DateTime SignedAt = new(2026, 11, 24, 14, 0, 0, DateTimeKind.Utc);
    private static readonly BasicAWSCredentials Credentials = new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");

    [Fact]
    public void The_url_opens_a_tunnel_to_the_private_address_on_the_port_and_sends_no_duration_as_the_AWS_CLI()
    {
        var url = Presign();

        Assert.Equal($"wss://{Host}/openTunnel", url.GetLeftPart(UriPartial.Path));
        var query = Query(url);
        Assert.Equal("eice-0123", query["instanceConnectEndpointId"]);
        Assert.Equal("22", query["remotePort"]);
        Assert.Equal("10.0.1.5", query["privateIpAddress"]);
        Assert.False(query.ContainsKey("maxTunnelDuration"));
    }

    [Fact]
    public void A_chosen_duration_is_sent_and_signed()
    {
        var url = TunnelUrlPresigner.Presign(Host, "eice-0123", "10.0.1.5", 22, "eu-west-1", Credentials, SignedAt, maxTunnelSeconds: 1800);

        Assert.Equal("1800", Query(url)["maxTunnelDuration"]);
        Assert.Equal(IndependentSignature(url), Query(url)["X-Amz-Signature"]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3601)]
    public void A_duration_the_endpoint_would_refuse_is_not_presigned(int seconds) =>
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            TunnelUrlPresigner.Presign(Host, "eice-0123", "10.0.1.5", 22, "eu-west-1", Credentials, SignedAt, maxTunnelSeconds: seconds));

    [Fact]
    public void The_signature_is_sigv4_for_ec2_instance_connect_in_the_region_for_60_seconds()
    {
        var query = Query(Presign());

        Assert.Equal("AWS4-HMAC-SHA256", query["X-Amz-Algorithm"]);
        Assert.Equal("AKIDEXAMPLE/20261124/eu-west-1/ec2-instance-connect/aws4_request", query["X-Amz-Credential"]);
        Assert.Equal("20261124T140000Z", query["X-Amz-Date"]);
        Assert.Equal("60", query["X-Amz-Expires"]);
        Assert.Equal("host", query["X-Amz-SignedHeaders"]);
    }

    [Fact]
    public void The_signature_matches_one_computed_independently_over_the_empty_payload()
    {
        var url = Presign();
        var query = Query(url);

        Assert.Equal(IndependentSignature(url), query["X-Amz-Signature"]);
    }

    private static Uri Presign() => TunnelUrlPresigner.Presign(Host, "eice-0123", "10.0.1.5", 22, "eu-west-1", Credentials, SignedAt);

    private static Dictionary<string, string> Query(Uri url) => url.Query.TrimStart('?').Split('&')
        .Select(pair => pair.Split('=', 2))
        .ToDictionary(pair => Uri.UnescapeDataString(pair[0]), pair => Uri.UnescapeDataString(pair[1]));

    // https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html, query-string form.
    private static string IndependentSignature(Uri url)
    {
        var pairs = url.Query.TrimStart('?').Split('&').Where(p => !p.StartsWith("X-Amz-Signature=", StringComparison.Ordinal))
            .Select(p => p.Split('=', 2)).Select(p => (Name: Encode(Uri.UnescapeDataString(p[0])), Value: Encode(Uri.UnescapeDataString(p[1]))))
            .OrderBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal);
        var canonicalQuery = string.Join('&', pairs.Select(p => $"{p.Name}={p.Value}"));
        var emptyHash = Convert.ToHexStringLower(SHA256.HashData([]));
        var canonical = $"GET\n/openTunnel\n{canonicalQuery}\nhost:{Host}\n\nhost\n{emptyHash}";
        var date = SignedAt.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var stringToSign = $"AWS4-HMAC-SHA256\n{date}T140000Z\n{date}/eu-west-1/ec2-instance-connect/aws4_request\n" +
            Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
        var key = Hmac(Encoding.UTF8.GetBytes("AWS4wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"), date);
        foreach (var part in new[] { "eu-west-1", "ec2-instance-connect", "aws4_request" })
        {
            key = Hmac(key, part);
        }

        return Convert.ToHexStringLower(Hmac(key, stringToSign));
    }

    private static string Encode(string text) => Uri.EscapeDataString(text);

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));
}
