using EicAgent.Simulator.Http;

namespace EicAgent.Simulator.SessionManager;

/// <summary>Systems Manager's errors (JSON 1.1 __type names, all HTTP 400 as the service answers them).</summary>
internal static class SsmErrors
{
    public static ApiException AccessDenied(string message) => new("AccessDeniedException", message);

    public static ApiException TargetNotConnected(string instanceId) => new("TargetNotConnected", $"{instanceId} is not connected.");

    public static ApiException InvalidDocument(string name) => new("InvalidDocument", $"Document with name {name} does not exist.");

    public static ApiException DoesNotExist(string what) => new("DoesNotExistException", what);

    public static ApiException Validation(string message) => new("ValidationException", message);

    public static ApiException UnknownOperation(string target) => new("UnknownOperationException", $"Unknown operation {target}");

    public static ApiException InvalidSignature(string message) => new("InvalidSignatureException", message);

    public static ApiException UnrecognizedClient(string message) => new("UnrecognizedClientException", message);

    public static ApiException ExpiredToken(string message) => new("ExpiredTokenException", message);

    public static ApiException MissingAuthenticationToken() => new("MissingAuthenticationTokenException", "Missing Authentication Token", 403);

    public static ApiException Throttling() => new("ThrottlingException", "Rate exceeded");

    public static ApiException InternalServer() => new("InternalServerError", "An internal error occurred", 500);
}
