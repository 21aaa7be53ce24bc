using System.Globalization;
using EicAgent.Simulator.Http;

namespace EicAgent.Simulator.Signing;

/// <summary>
/// What a SigV4-signed request says about its signature, from its Authorization header or, for a presigned URL
/// (the EC2 Instance Connect Endpoint websocket), from its query string:
/// <code>
/// Authorization: AWS4-HMAC-SHA256 Credential=AKID/20240101/us-east-1/ec2/aws4_request, SignedHeaders=host;x-amz-date, Signature=hex
/// ?X-Amz-Algorithm=AWS4-HMAC-SHA256&amp;X-Amz-Credential=AKID/20240101/...&amp;X-Amz-Date=20240101T000000Z
///  &amp;X-Amz-Expires=60&amp;X-Amz-SignedHeaders=host&amp;X-Amz-Signature=hex[&amp;X-Amz-Security-Token=...]
/// </code>
/// </summary>
internal sealed record SigV4Authorization(
    string AccessKeyId,
    string ScopeDate,
    string ScopeRegion,
    string ScopeService,
    IReadOnlyList<string> SignedHeaders,
    string Signature,
    string? Date,
    string? SecurityToken,
    TimeSpan? Expires)
{
    public const string Algorithm = "AWS4-HMAC-SHA256";
    public const string SignatureParameter = "X-Amz-Signature";

    /// <summary>Whether the signature travels in the query string (then it is not part of what was signed).</summary>
    public bool Presigned => Expires is not null;

    public string CredentialScope => $"{ScopeDate}/{ScopeRegion}/{ScopeService}/aws4_request";

    /// <summary>The request's signature fields; null with no problem when it carries none, null with a problem when they are malformed.</summary>
    public static SigV4Authorization? Read(AwsRequest request, out string? problem)
    {
        problem = null;
        if (request.Header("Authorization") is { } header)
        {
            return FromHeader(header, request, out problem);
        }

        return request.Query.ContainsKey("X-Amz-Algorithm") ? FromQuery(request.Query, out problem) : null;
    }

    private static SigV4Authorization? FromHeader(string header, AwsRequest request, out string? problem)
    {
        if (!header.StartsWith(Algorithm + " ", StringComparison.Ordinal))
        {
            problem = $"Unsupported authorization type: only {Algorithm} is accepted.";
            return null;
        }

        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in header[(Algorithm.Length + 1)..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                fields[part[..equals]] = part[(equals + 1)..];
            }
        }

        if (Missing(fields, ["Credential", "SignedHeaders", "Signature"]) is { } missing)
        {
            problem = $"Authorization header requires '{missing}' parameter. Authorization={header}";
            return null;
        }

        return Build(fields["Credential"], fields["SignedHeaders"], fields["Signature"],
            request.Header("X-Amz-Date"), request.Header("X-Amz-Security-Token"), expires: null, out problem);
    }

    private static SigV4Authorization? FromQuery(IReadOnlyDictionary<string, string> query, out string? problem)
    {
        if (query["X-Amz-Algorithm"] != Algorithm)
        {
            problem = $"X-Amz-Algorithm only supports \"{Algorithm}\"";
            return null;
        }

        if (Missing(query, ["X-Amz-Credential", "X-Amz-SignedHeaders", SignatureParameter, "X-Amz-Date", "X-Amz-Expires"]) is { } missing)
        {
            problem = $"Query-string authentication requires the {missing} parameter";
            return null;
        }

        if (!int.TryParse(query["X-Amz-Expires"], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds is < 1 or > 604800)
        {
            problem = "X-Amz-Expires must be a number of seconds from 1 to 604800";
            return null;
        }

        return Build(query["X-Amz-Credential"], query["X-Amz-SignedHeaders"], query[SignatureParameter],
            query["X-Amz-Date"], query.GetValueOrDefault("X-Amz-Security-Token"), TimeSpan.FromSeconds(seconds), out problem);
    }

    private static SigV4Authorization? Build(
        string credential, string signedHeaders, string signature, string? date, string? token, TimeSpan? expires, out string? problem)
    {
        var parts = credential.Split('/');
        if (parts.Length != 5 || parts[4] != "aws4_request" || parts.Any(string.IsNullOrEmpty))
        {
            problem = $"Credential should be of the form AKID/yyyyMMdd/region/service/aws4_request: {credential}";
            return null;
        }

        problem = null;
        return new SigV4Authorization(parts[0], parts[1], parts[2], parts[3], signedHeaders.Split(';'), signature, date, token, expires);
    }

    private static string? Missing(IReadOnlyDictionary<string, string> fields, string[] names) =>
        names.FirstOrDefault(name => !fields.ContainsKey(name));
}
