using System.Diagnostics.CodeAnalysis;

namespace EicAgent.Simulator.Signing;

/// <summary>
/// The parts of a SigV4 Authorization header:
/// <c>AWS4-HMAC-SHA256 Credential=AKID/20240101/us-east-1/ec2/aws4_request, SignedHeaders=host;x-amz-date, Signature=hex</c>.
/// </summary>
internal sealed record SigV4Authorization(
    string AccessKeyId,
    string ScopeDate,
    string ScopeRegion,
    string ScopeService,
    IReadOnlyList<string> SignedHeaders,
    string Signature)
{
    public const string Algorithm = "AWS4-HMAC-SHA256";

    public string CredentialScope => $"{ScopeDate}/{ScopeRegion}/{ScopeService}/aws4_request";

    public static bool TryParse(string header, [NotNullWhen(true)] out SigV4Authorization? authorization, out string problem)
    {
        authorization = null;
        if (!header.StartsWith(Algorithm + " ", StringComparison.Ordinal))
        {
            problem = $"Unsupported authorization type: only {Algorithm} is accepted.";
            return false;
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

        foreach (var required in (string[])["Credential", "SignedHeaders", "Signature"])
        {
            if (!fields.ContainsKey(required))
            {
                problem = $"Authorization header requires '{required}' parameter. Authorization={header}";
                return false;
            }
        }

        var credential = fields["Credential"].Split('/');
        if (credential.Length != 5 || credential[4] != "aws4_request" || credential.Any(string.IsNullOrEmpty))
        {
            problem = $"Credential should be of the form AKID/yyyyMMdd/region/service/aws4_request: {fields["Credential"]}";
            return false;
        }

        authorization = new SigV4Authorization(
            credential[0], credential[1], credential[2], credential[3],
            fields["SignedHeaders"].Split(';'), fields["Signature"]);
        problem = "";
        return true;
    }
}
