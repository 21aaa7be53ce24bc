using System.Security.Cryptography;
using System.Text;
using EicAgent.Simulator.Http;

namespace EicAgent.Simulator.Signing;

/// <summary>
/// The SigV4 canonical request rebuilt from a request as received:
/// <code>
/// METHOD \n canonical URI \n canonical query \n canonical headers (name:value\n each) \n signed headers \n payload hash
/// </code>
/// </summary>
internal static class CanonicalRequest
{
    /// <summary>With <paramref name="presigned"/>, X-Amz-Signature is left out of the query: it cannot sign itself.</summary>
    public static string Build(AwsRequest request, IReadOnlyList<string> signedHeaders, string payloadHash, bool presigned = false)
    {
        var builder = new StringBuilder();
        builder.Append(request.Method).Append('\n');
        builder.Append(CanonicalUri(request.RawPath)).Append('\n');
        builder.Append(CanonicalQuery(request.RawQuery, presigned ? SigV4Authorization.SignatureParameter : null)).Append('\n');
        foreach (var name in signedHeaders)
        {
            builder.Append(name).Append(':').Append(CanonicalHeaderValue(request.Header(name) ?? "")).Append('\n');
        }

        builder.Append('\n');
        builder.Append(string.Join(';', signedHeaders)).Append('\n');
        builder.Append(payloadHash);
        return builder.ToString();
    }

    public static string HexSha256(byte[] data) => Convert.ToHexStringLower(SHA256.HashData(data));

    public static string HexSha256(string text) => HexSha256(Encoding.UTF8.GetBytes(text));

    // Services other than S3 sign the path encoded twice: the client encoded it once on the request line.
    private static string CanonicalUri(string rawPath)
    {
        if (rawPath.Length == 0)
        {
            return "/";
        }

        return string.Join('/', rawPath.Split('/').Select(UriEncoding.Encode));
    }

    private static string CanonicalQuery(string rawQuery, string? leaveOut)
    {
        var parameters = rawQuery
            .Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair =>
            {
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                var name = equals < 0 ? pair : pair[..equals];
                var value = equals < 0 ? "" : pair[(equals + 1)..];
                return (Name: UriEncoding.Encode(UriEncoding.Decode(name)), Value: UriEncoding.Encode(UriEncoding.Decode(value)));
            })
            .Where(p => p.Name != leaveOut)
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ThenBy(p => p.Value, StringComparer.Ordinal);
        return string.Join('&', parameters.Select(p => $"{p.Name}={p.Value}"));
    }

    private static string CanonicalHeaderValue(string value) =>
        string.Join(' ', value.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries));
}
