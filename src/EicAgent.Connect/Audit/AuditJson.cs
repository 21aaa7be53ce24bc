using System.Globalization;
using System.Text.Json;

namespace EicAgent.Cli.Audit;

/// <summary>One audit entry as one JSON object on one line, with Utf8JsonWriter / JsonDocument (no reflection: Native AOT).</summary>
internal static class AuditJson
{
    /*
     * {"time":"2026-11-24T14:20:01.123Z","event":"push"|"closed"|"refused","connection":"4242-7",
     *  "target":..,"instance":..,"region":..,"profile":..,"user":..,"fingerprint":"SHA256:..",
     *  "request_id":..,"result":"pushed"|"failed","reason":..,"ssh_pid":N,"duration_s":N.N}
     * Absent values are left out.
     */
    public static byte[] ToLine(AuditEntry entry)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("time", entry.Time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
            writer.WriteString("event", entry.Event);
            writer.WriteString("connection", entry.ConnectionId);
            WriteIfPresent(writer, "target", entry.Target);
            WriteIfPresent(writer, "instance", entry.InstanceId);
            WriteIfPresent(writer, "region", entry.Region);
            WriteIfPresent(writer, "profile", entry.Profile);
            WriteIfPresent(writer, "user", entry.OsUser);
            WriteIfPresent(writer, "fingerprint", entry.Fingerprint);
            WriteIfPresent(writer, "request_id", entry.RequestId);
            WriteIfPresent(writer, "result", entry.Result);
            WriteIfPresent(writer, "reason", entry.Reason);
            if (entry.SshProcessId is { } pid)
            {
                writer.WriteNumber("ssh_pid", pid);
            }

            if (entry.DurationSeconds is { } duration)
            {
                writer.WriteNumber("duration_s", Math.Round(duration, 3));
            }

            writer.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    /// <summary>Null for a line that is not an audit entry (e.g. cut short by a crash): readers skip it.</summary>
    public static AuditEntry? Parse(string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || Text(root, "event") is not { } kind || Text(root, "connection") is not { } connection
                || Text(root, "time") is not { } time)
            {
                return null;
            }

            return new AuditEntry
            {
                Time = DateTimeOffset.Parse(time, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
                Event = kind,
                ConnectionId = connection,
                Target = Text(root, "target"),
                InstanceId = Text(root, "instance"),
                Region = Text(root, "region"),
                Profile = Text(root, "profile"),
                OsUser = Text(root, "user"),
                Fingerprint = Text(root, "fingerprint"),
                RequestId = Text(root, "request_id"),
                Result = Text(root, "result"),
                Reason = Text(root, "reason"),
                SshProcessId = root.TryGetProperty("ssh_pid", out var pid) && pid.TryGetInt32(out var p) ? p : null,
                DurationSeconds = root.TryGetProperty("duration_s", out var d) && d.TryGetDouble(out var s) ? s : null,
            };
        }
        catch (Exception exception) when (exception is JsonException or FormatException)
        {
            return null;
        }
    }

    private static void WriteIfPresent(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
