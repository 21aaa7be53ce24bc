using System.Text;
using EicAgent.Simulator.Signing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace EicAgent.Simulator.Http;

/// <summary>An AWS API request exactly as it arrived (raw path and query, headers, body), for signing checks and dispatch.</summary>
internal sealed class AwsRequest
{
    public const int MaxBodyBytes = 1 << 20;

    private IReadOnlyDictionary<string, string>? _form;
    private IReadOnlyDictionary<string, string>? _query;

    public AwsRequest(string method, string rawPath, string rawQuery, IReadOnlyDictionary<string, string> headers, byte[] body)
    {
        Method = method;
        RawPath = rawPath;
        RawQuery = rawQuery;
        Headers = headers;
        Body = body;
    }

    public string Method { get; }

    /// <summary>The path as the client encoded it on the request line.</summary>
    public string RawPath { get; }

    /// <summary>The query string without its '?', as the client encoded it.</summary>
    public string RawQuery { get; }

    /// <summary>Header values by case-insensitive name; repeated headers joined with ','.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    public byte[] Body { get; }

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    /// <summary>The query string's parameters, decoded (%XX only: in a URI query '+' is a plus), last value winning.</summary>
    public IReadOnlyDictionary<string, string> Query => _query ??= ParsePairs(RawQuery, UriEncoding.Decode);

    /// <summary>The form-encoded body of a query-protocol request (Action=...&amp;Version=...), last value winning.</summary>
    public IReadOnlyDictionary<string, string> Form => _form ??= ParsePairs(Encoding.UTF8.GetString(Body), UriEncoding.DecodeForm);

    /// <summary>Whether this is a query-protocol request (no X-Amz-Target) for API version <paramref name="version"/>.</summary>
    public bool IsQueryRequest(string version) => Header("X-Amz-Target") is null && Form.GetValueOrDefault("Version") == version;

    /// <summary>The Action of a query-protocol request.</summary>
    public string QueryAction => Form.GetValueOrDefault("Action") ?? "(no Action)";

    public static async Task<AwsRequest?> ReadAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.ContentLength > MaxBodyBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        var target = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
        var question = target.IndexOf('?', StringComparison.Ordinal);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in request.Headers)
        {
            headers[name] = string.Join(',', values.ToArray());
        }

        return new AwsRequest(
            request.Method,
            question < 0 ? target : target[..question],
            question < 0 ? "" : target[(question + 1)..],
            headers,
            buffer.ToArray());
    }

    private static Dictionary<string, string> ParsePairs(string text, Func<string, string> decode)
    {
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in text.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = decode(equals < 0 ? pair : pair[..equals]);
            pairs[name] = equals < 0 ? "" : decode(pair[(equals + 1)..]);
        }

        return pairs;
    }
}
