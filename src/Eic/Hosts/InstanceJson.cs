using System.Text.Json;
using EicAgent.Aws.Listing;

namespace EicAgent.Cli.Hosts;

/// <summary>
/// `eic ls --json` for scripts (Utf8JsonWriter: no reflection, AOT-safe). Shape:
/// <code>
/// {"instances":[{"name":"web-1"|null,"instanceId":"i-...","state":"running","availabilityZone":"us-east-1a",
///   "publicIp":"..."|null,"privateIp":"..."|null,"vpcId":"vpc-..."|null,"imageId":"ami-..."|null,
///   "user":"ec2-user"|null,"userIsGuess":false,"path":"direct"|"endpoint"|"none","pathReason":"..."}]}
/// </code>
/// </summary>
internal static class InstanceJson
{
    public static void Write(Stream output, IReadOnlyList<ListedInstance> rows)
    {
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteStartArray("instances");
        foreach (var row in rows)
        {
            var instance = row.Instance;
            json.WriteStartObject();
            json.WriteString("name", instance.Name);
            json.WriteString("instanceId", instance.InstanceId);
            json.WriteString("state", StateNames.Of(instance.State));
            json.WriteString("availabilityZone", instance.AvailabilityZone);
            json.WriteString("publicIp", instance.PublicIpAddress);
            json.WriteString("privateIp", instance.PrivateIpAddress);
            json.WriteString("vpcId", instance.VpcId);
            json.WriteString("imageId", instance.ImageId);
            json.WriteString("user", row.User.User);
            json.WriteBoolean("userIsGuess", row.User.IsGuess);
            json.WriteString("path", row.Path.KindName);
            json.WriteString("pathReason", row.Path.Reason);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
        output.WriteByte((byte)'\n');
    }
}
