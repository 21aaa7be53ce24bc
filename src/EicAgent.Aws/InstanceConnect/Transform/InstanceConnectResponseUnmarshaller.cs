using System.Net;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Transform;
using Amazon.Runtime.Internal.Util;
using EicAgent.Aws.InstanceConnect.Model;

namespace EicAgent.Aws.InstanceConnect.Transform;

/// <summary>
/// Both operations answer <c>{"RequestId": "...", "Success": true}</c>, and fail with
/// <c>{"__type": "[prefix#]ErrorName", "Message": "..."}</c> (the SDK strips the prefix).
/// </summary>
internal abstract class InstanceConnectResponseUnmarshaller : JsonResponseUnmarshaller
{
    protected static (string? RequestId, bool? Success) ReadResult(JsonUnmarshallerContext context)
    {
        string? requestId = null;
        bool? success = null;
        var reader = new StreamingUtf8JsonReader(context.Stream, AWSConfigs.StreamingUtf8JsonReaderBufferSize ?? 4096, context.JsonMaxDepth);
        context.Read(ref reader);
        var depth = context.CurrentDepth;
        while (context.ReadAtDepth(depth, ref reader))
        {
            if (context.TestExpression("RequestId", depth, ref reader))
            {
                requestId = StringUnmarshaller.Instance.Unmarshall(context, ref reader);
            }
            else if (context.TestExpression("Success", depth, ref reader))
            {
                success = BoolUnmarshaller.Instance.Unmarshall(context, ref reader);
            }
        }

        return (requestId, success);
    }

    public override AmazonServiceException UnmarshallException(JsonUnmarshallerContext context, Exception innerException, HttpStatusCode statusCode)
    {
        var reader = new StreamingUtf8JsonReader(context.Stream, AWSConfigs.StreamingUtf8JsonReaderBufferSize ?? 4096, context.JsonMaxDepth);
        var error = JsonErrorResponseUnmarshaller.GetInstance().Unmarshall(context, ref reader);
        error.InnerException = innerException;
        error.StatusCode = statusCode;
        return InstanceConnectErrorMapper.ToException(error);
    }
}

internal sealed class SendSshPublicKeyResponseUnmarshaller : InstanceConnectResponseUnmarshaller
{
    public static SendSshPublicKeyResponseUnmarshaller Instance { get; } = new();

    public override AmazonWebServiceResponse Unmarshall(JsonUnmarshallerContext input)
    {
        var (requestId, success) = ReadResult(input);
        return new SendSshPublicKeyResponse { RequestId = requestId, Success = success };
    }
}

internal sealed class SendSerialConsoleSshPublicKeyResponseUnmarshaller : InstanceConnectResponseUnmarshaller
{
    public static SendSerialConsoleSshPublicKeyResponseUnmarshaller Instance { get; } = new();

    public override AmazonWebServiceResponse Unmarshall(JsonUnmarshallerContext input)
    {
        var (requestId, success) = ReadResult(input);
        return new SendSerialConsoleSshPublicKeyResponse { RequestId = requestId, Success = success };
    }
}
