using System.Buffers;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.Runtime.Internal;

namespace EicAgent.Aws.InstanceConnect.Transform;

/// <summary>
/// The AWS JSON 1.1 protocol as EC2 Instance Connect speaks it:
/// <code>
/// POST /
/// Content-Type: application/x-amz-json-1.1
/// X-Amz-Target: AWSEC2InstanceConnectService.{Operation}
///
/// {"Member": value, ...}   (unset members are left out)
/// </code>
/// </summary>
internal static class JsonProtocolRequest
{
    public const string ContentType = "application/x-amz-json-1.1";
    public const string TargetPrefix = "AWSEC2InstanceConnectService.";

    public static IRequest Create(AmazonWebServiceRequest original, string operation, Action<Utf8JsonWriter> writeMembers)
    {
        IRequest request = new DefaultRequest(original, InstanceConnectConfig.ServiceIdentifier);
        request.Headers["Content-Type"] = ContentType;
        request.Headers["X-Amz-Target"] = TargetPrefix + operation;
        request.HttpMethod = "POST";
        request.ResourcePath = "/";

        var body = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(body))
        {
            writer.WriteStartObject();
            writeMembers(writer);
            writer.WriteEndObject();
        }

        request.Content = body.WrittenSpan.ToArray();
        return request;
    }

    public static void WriteIfSet(this Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }
}
