using System.Security.Cryptography;
using System.Text.Json;
using EicAgent.Simulator.Fleet;
using EicAgent.Simulator.Http;
using EicAgent.Simulator.Signing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace EicAgent.Simulator.SessionManager;

/// <summary>
/// Systems Manager (JSON 1.1, X-Amz-Target: AmazonSSM.Operation), the three calls Session Manager needs:
/// DescribeInstanceInformation (the managed instances and their ping status), StartSession (document
/// AWS-StartSSHSession, parameter portNumber; answers SessionId, StreamUrl and TokenValue) and TerminateSession.
/// StartSession needs ssm:StartSession on the instance and on the document, as IAM checks both.
/// </summary>
internal sealed partial class SsmApi(SimulatorState state, SsmSessions sessions, ILogger logger) : IAwsApi
{
    public const string TargetPrefix = "AmazonSSM.";
    public const string SshDocument = "AWS-StartSSHSession";

    public AwsService Service => AwsService.Ssm;

    public bool Accepts(AwsRequest request) => request.Header("X-Amz-Target")?.StartsWith(TargetPrefix, StringComparison.Ordinal) == true;

    public string Operation(AwsRequest request)
    {
        var target = request.Header("X-Amz-Target") ?? "";
        return target.StartsWith(TargetPrefix, StringComparison.Ordinal) ? target[TargetPrefix.Length..] : target;
    }

    public async Task HandleAsync(ApiCall call)
    {
        using var body = ParseBody(call.Request.Body);
        var input = body.RootElement;
        switch (Operation(call.Request))
        {
            case "DescribeInstanceInformation":
                Require(call, "ssm:DescribeInstanceInformation", null);
                await JsonAnswer.WriteAsync(call.Response, 200, call.RequestId, json => DescribeInstanceInformation(json, input));
                break;
            case "StartSession":
                var session = StartSession(call, input);
                await JsonAnswer.WriteAsync(call.Response, 200, call.RequestId, json =>
                {
                    json.WriteString("SessionId", session.SessionId);
                    json.WriteString("StreamUrl", StreamUrl(call.Request, session.SessionId));
                    json.WriteString("TokenValue", session.Token);
                });
                break;
            case "TerminateSession":
                var sessionId = StringProperty(input, "SessionId") ?? throw SsmErrors.Validation("SessionId is required");
                Require(call, "ssm:TerminateSession", null);
                if (sessions.Remove(sessionId, out var ended))
                {
                    ended!.Terminate($"Session {sessionId} was terminated by a TerminateSession call.");
                    LogTerminated(logger, sessionId);
                }

                await JsonAnswer.WriteAsync(call.Response, 200, call.RequestId, json => json.WriteString("SessionId", sessionId));
                break;
            default:
                throw SsmErrors.UnknownOperation(call.Request.Header("X-Amz-Target") ?? "(no X-Amz-Target)");
        }
    }

    private SsmSession StartSession(ApiCall call, JsonElement input)
    {
        var target = StringProperty(input, "Target") ?? throw SsmErrors.Validation("Target is required");
        var document = StringProperty(input, "DocumentName") ?? "SSM-SessionManagerRunShell";
        Require(call, "ssm:StartSession", target);
        if (!state.Policy.Allows(call.Caller, "ssm:StartSession", "document/" + document))
        {
            throw SsmErrors.AccessDenied($"User: {call.Caller.Arn} is not authorized to perform: ssm:StartSession on resource: "
                + $"arn:aws:ssm:{state.Region}::document/{document} because no identity-based policy allows the ssm:StartSession action");
        }

        if (document != SshDocument)
        {
            throw SsmErrors.InvalidDocument(document);
        }

        var instance = state.FindInstance(target);
        if (instance is null || PingStatus(instance) != "Online")
        {
            throw SsmErrors.TargetNotConnected(target);
        }

        var port = input.TryGetProperty("Parameters", out var parameters) && parameters.ValueKind == JsonValueKind.Object
            && parameters.TryGetProperty("portNumber", out var values) && values.ValueKind == JsonValueKind.Array && values.GetArrayLength() == 1
            && int.TryParse(values[0].GetString(), out var number) && number is > 0 and <= 65535
                ? number
                : throw SsmErrors.Validation("portNumber must be one TCP port number");
        var name = call.Caller.Arn[(call.Caller.Arn.LastIndexOf('/') + 1)..];
        var session = new SsmSession($"{name}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(9))}", Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)), instance, port);
        sessions.Add(session);
        LogStarted(logger, session.SessionId, instance.InstanceId, port, call.Caller.Arn);
        return session;
    }

    private void DescribeInstanceInformation(Utf8JsonWriter json, JsonElement input)
    {
        var wanted = InstanceIdsFilter(input);
        json.WriteStartArray("InstanceInformationList");
        foreach (var instance in state.Instances.Where(i => i.Definition.SsmPingStatus is not null && (wanted is null || wanted.Contains(i.InstanceId))))
        {
            json.WriteStartObject();
            json.WriteString("InstanceId", instance.InstanceId);
            json.WriteString("PingStatus", PingStatus(instance));
            json.WriteNumber("LastPingDateTime", state.Clock.GetUtcNow().ToUnixTimeSeconds());
            json.WriteString("AgentVersion", "3.3.1142.0");
            json.WriteBoolean("IsLatestVersion", true);
            json.WriteString("PlatformType", "Linux");
            json.WriteString("PlatformName", instance.Definition.OperatingSystem);
            json.WriteString("ResourceType", "EC2Instance");
            json.WriteString("IPAddress", instance.PrivateIpAddress);
            json.WriteString("ComputerName", instance.PrivateDnsName);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    // A stopped instance's agent is not connected: Systems Manager reports the connection lost.
    private static string? PingStatus(SimulatedInstance instance) =>
        instance.Definition.SsmPingStatus is { } status && instance.State != InstanceStateName.Running ? "ConnectionLost" : instance.Definition.SsmPingStatus;

    private static HashSet<string>? InstanceIdsFilter(JsonElement input)
    {
        IEnumerable<string>? ids = null;
        foreach (var (list, key, values) in new[] { ("Filters", "Key", "Values"), ("InstanceInformationFilterList", "key", "valueSet") })
        {
            if (input.TryGetProperty(list, out var filters) && filters.ValueKind == JsonValueKind.Array)
            {
                foreach (var filter in filters.EnumerateArray())
                {
                    if (StringProperty(filter, key) is "InstanceIds" && filter.TryGetProperty(values, out var set) && set.ValueKind == JsonValueKind.Array)
                    {
                        ids = (ids ?? []).Concat(set.EnumerateArray().Select(v => v.GetString() ?? ""));
                    }
                }
            }
        }

        return ids?.ToHashSet(StringComparer.Ordinal);
    }

    // The data channel listens on the API's own port (ws://, loopback): the real service's is wss://ssmmessages.REGION.amazonaws.com.
    private static string StreamUrl(AwsRequest request, string sessionId) =>
        $"ws://{request.Header("Host")}{DataChannelService.PathPrefix}{sessionId}?role=publish_subscribe";

    private void Require(ApiCall call, string action, string? instanceId)
    {
        if (!state.Policy.Allows(call.Caller, action, instanceId))
        {
            throw SsmErrors.AccessDenied($"User: {call.Caller.Arn} is not authorized to perform: {action} on resource: "
                + (instanceId is null ? "*" : state.InstanceArn(instanceId)) + $" because no identity-based policy allows the {action} action");
        }
    }

    private static JsonDocument ParseBody(byte[] body)
    {
        try
        {
            return JsonDocument.Parse(body.Length == 0 ? "{}"u8.ToArray() : body);
        }
        catch (JsonException error)
        {
            throw new ApiException("SerializationException", error.Message);
        }
    }

    private static string? StringProperty(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public ApiException AuthenticationError(SignatureFailure failure) => failure.Kind switch
    {
        SignatureFailureKind.Missing => SsmErrors.MissingAuthenticationToken(),
        SignatureFailureKind.UnknownAccessKey or SignatureFailureKind.InvalidSessionToken => SsmErrors.UnrecognizedClient(failure.Message),
        SignatureFailureKind.ExpiredSessionToken => SsmErrors.ExpiredToken(failure.Message),
        _ => SsmErrors.InvalidSignature(failure.Message),
    };

    public ApiException ThrottlingError() => SsmErrors.Throttling();

    public ApiException InternalError() => SsmErrors.InternalServer();

    public Task WriteErrorAsync(HttpResponse response, ApiException error, string requestId)
    {
        response.Headers["x-amzn-ErrorType"] = error.Name;
        return JsonAnswer.WriteAsync(response, error.StatusCode, requestId, json =>
        {
            json.WriteString("__type", error.Code);
            json.WriteString("message", error.Message);
        });
    }

    [LoggerMessage(400, LogLevel.Information, "StartSession {SessionId} to {InstanceId} port {Port} by {Caller}")]
    private static partial void LogStarted(ILogger logger, string sessionId, string instanceId, int port, string caller);

    [LoggerMessage(401, LogLevel.Information, "TerminateSession {SessionId}")]
    private static partial void LogTerminated(ILogger logger, string sessionId);
}
