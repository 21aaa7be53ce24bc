using System.Text.Json;

namespace EicAgent.Aws.SessionManager;

/// <summary>The JSON documents of the data channel: written with Utf8JsonWriter and read with JsonDocument (no reflection, AOT-safe).</summary>
public static class SessionPayloads
{
    public const string ClientVersion = "1.2.707.0";

    /// <summary>The first (text) frame on the websocket: proves the client holds StartSession's token.</summary>
    public static byte[] OpenDataChannel(string tokenValue, Guid clientId) => Json(json =>
    {
        json.WriteString("MessageSchemaVersion", "1.0");
        json.WriteString("RequestId", Guid.NewGuid().ToString());
        json.WriteString("TokenValue", tokenValue);
        json.WriteString("ClientId", clientId.ToString());
        json.WriteString("ClientVersion", ClientVersion);
    });

    public static byte[] Acknowledge(SessionMessage received) => Json(json =>
    {
        json.WriteString("AcknowledgedMessageType", received.MessageType);
        json.WriteString("AcknowledgedMessageId", received.MessageId.ToString());
        json.WriteNumber("AcknowledgedMessageSequenceNumber", received.SequenceNumber);
        json.WriteBoolean("IsSequentialMessage", true);
    });

    /// <summary>The sequence number an acknowledgement names.</summary>
    /// <exception cref="InvalidDataException">Not an acknowledgement document.</exception>
    public static long AcknowledgedSequenceNumber(ReadOnlyMemory<byte> payload) =>
        Read(payload, "acknowledgement", root => root.GetProperty("AcknowledgedMessageSequenceNumber").GetInt64());

    /// <summary>
    /// The answer to the agent's HandshakeRequest: the SessionType action succeeds (a port session carries raw bytes);
    /// anything else, KMSEncryption included, is reported unsupported, which makes the agent end the session with its reason.
    /// </summary>
    public static byte[] HandshakeResponse(ReadOnlyMemory<byte> request)
    {
        var actions = Read(request, "handshake request", root => root.TryGetProperty("RequestedClientActions", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Select(a => a.TryGetProperty("ActionType", out var type) ? type.GetString() ?? "" : "").ToList()
            : []);
        var errors = actions.Where(a => a != "SessionType").Select(a => $"Unsupported action {a}").ToList();
        return Json(json =>
        {
            json.WriteString("ClientVersion", ClientVersion);
            json.WriteStartArray("ProcessedClientActions");
            foreach (var action in actions)
            {
                json.WriteStartObject();
                json.WriteString("ActionType", action);
                json.WriteNumber("ActionStatus", action == "SessionType" ? 1 : 3);
                if (action != "SessionType")
                {
                    json.WriteString("Error", $"Unsupported action {action}");
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("Errors");
            errors.ForEach(json.WriteStringValue);
            json.WriteEndArray();
        });
    }

    /// <summary>What the service said when it closed the channel ("" when nothing).</summary>
    public static string ChannelClosedOutput(ReadOnlyMemory<byte> payload)
    {
        try
        {
            return Read(payload, "channel_closed", root => root.TryGetProperty("Output", out var output) ? output.GetString() ?? "" : "");
        }
        catch (InvalidDataException)
        {
            return "";
        }
    }

    internal static byte[] Json(Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            body(json);
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static T Read<T>(ReadOnlyMemory<byte> payload, string what, Func<JsonElement, T> read)
    {
        try
        {
            using var document = JsonDocument.Parse(payload);
            return read(document.RootElement);
        }
        catch (Exception error) when (error is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"a malformed {what}: {error.Message}", error);
        }
    }
}
