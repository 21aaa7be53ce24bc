using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace EicAgent.Simulator.Endpoints;

/// <summary>A refused openTunnel handshake: an HTTP status and the endpoint's JSON error body.</summary>
internal sealed class TunnelRefusal(int status, string errorCode, string message) : Exception(message)
{
    public int Status { get; } = status;

    public string ErrorCode { get; } = errorCode;

    /*
     * HTTP status, Content-Type: application/json, body:
     * {"ErrorCode":"InvalidParameter","Message":"..."}
     */
    public async Task WriteAsync(HttpResponse response)
    {
        response.StatusCode = Status;
        response.ContentType = "application/json";
        using var buffer = new MemoryStream();
        await using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("ErrorCode", ErrorCode);
            json.WriteString("Message", Message);
            json.WriteEndObject();
        }

        await response.Body.WriteAsync(buffer.ToArray());
    }
}
