using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace EicAgent.Simulator.Http;

/// <summary>A JSON 1.1 answer (one object, with the request id header), as EC2 Instance Connect and Systems Manager write them.</summary>
internal static class JsonAnswer
{
    public static async Task WriteAsync(HttpResponse response, int statusCode, string requestId, Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            body(json);
            json.WriteEndObject();
        }

        response.StatusCode = statusCode;
        response.ContentType = "application/x-amz-json-1.1";
        response.Headers["x-amzn-RequestId"] = requestId;
        response.ContentLength = buffer.Length;
        await response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
    }
}
