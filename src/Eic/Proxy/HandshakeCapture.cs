using System.Net;
using System.Text.Json;

namespace EicAgent.Cli.Proxy;

/// <summary>
/// Keeps the body of a refused websocket handshake: the endpoint explains itself there as
/// <c>{"ErrorCode":"InvalidParameter","Message":"..."}</c>, which ClientWebSocket would otherwise drop.
/// </summary>
internal sealed class HandshakeCapture(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    private const int MaxBodyBytes = 16 * 1024;

    public HttpStatusCode? RefusedStatus { get; private set; }

    public string? RefusalBody { get; private set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.SwitchingProtocols)
        {
            RefusedStatus = response.StatusCode;
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            RefusalBody = System.Text.Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, MaxBodyBytes));
        }

        return response;
    }

    /// <summary>"ErrorCode: Message" from the JSON body, else the status and the body's first line.</summary>
    public string Describe()
    {
        var status = RefusedStatus is { } code ? $"HTTP {(int)code}" : "no HTTP answer";
        if (string.IsNullOrWhiteSpace(RefusalBody))
        {
            return status;
        }

        try
        {
            using var json = JsonDocument.Parse(RefusalBody);
            var errorCode = json.RootElement.TryGetProperty("ErrorCode", out var c) ? c.GetString() : null;
            var message = json.RootElement.TryGetProperty("Message", out var m) ? m.GetString() : null;
            return $"{errorCode ?? status}: {message ?? RefusalBody}";
        }
        catch (JsonException)
        {
            return $"{status}: {RefusalBody.Split('\n')[0].Trim()}";
        }
    }
}
