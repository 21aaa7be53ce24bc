using EicAgent.Simulator.Http;

namespace EicAgent.Simulator.InstanceConnect;

/// <summary>
/// The errors of the EC2 Instance Connect model (com.amazonaws.ec2.instanceconnect#Name) with their statuses,
/// and the framework's own (com.amazon.coral.service#Name) for authentication and malformed requests.
/// </summary>
internal static class InstanceConnectErrors
{
    private const string Model = "com.amazonaws.ec2.instanceconnect#";
    private const string Framework = "com.amazon.coral.service#";

    public static ApiException Auth(string message) => new(Model + "AuthException", message, 403);

    public static ApiException InstanceNotFound(string instanceId) =>
        new(Model + "EC2InstanceNotFoundException", $"Instance {instanceId} not found", 404);

    public static ApiException InstanceStateInvalid() => new(Model + "EC2InstanceStateInvalidException",
        "Unable to connect because the instance is not in a valid state. Connecting to a stopped or terminated instance is not supported. "
        + "If the instance is stopped, start your instance, and try to connect again.", 400);

    public static ApiException InstanceUnavailable() =>
        new(Model + "EC2InstanceUnavailableException", "The instance is currently unavailable. Wait a few minutes and try again.", 503);

    public static ApiException InvalidArgs(string message) => new(Model + "InvalidArgsException", message, 400);

    public static ApiException Service() => new(Model + "ServiceException", "Server is busy! Please retry after a moment.", 500);

    public static ApiException Throttling() => new(Model + "ThrottlingException", "Rate exceeded", 429);

    public static ApiException UnknownOperation(string target) =>
        new(Framework + "UnknownOperationException", $"Unknown operation {target}", 400);

    public static ApiException Serialization(string message) => new(Framework + "SerializationException", message, 400);

    public static ApiException UnrecognizedClient(string message) => new(Framework + "UnrecognizedClientException", message, 403);

    public static ApiException ExpiredToken(string message) => new(Framework + "ExpiredTokenException", message, 403);

    public static ApiException InvalidSignature(string message) => new(Framework + "InvalidSignatureException", message, 403);

    public static ApiException MissingAuthenticationToken(string message) =>
        new(Framework + "MissingAuthenticationTokenException", message, 403);

    public static ApiException IncompleteSignature(string message) => new(Framework + "IncompleteSignatureException", message, 400);
}
