using System.Text.Json;
using EicAgent.Simulator.Fleet;
using EicAgent.Simulator.Http;
using EicAgent.Simulator.Keys;
using EicAgent.Simulator.SerialConsole;
using EicAgent.Simulator.Signing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace EicAgent.Simulator.InstanceConnect;

/// <summary>
/// EC2 Instance Connect (JSON 1.1, X-Amz-Target: AWSEC2InstanceConnectService.Operation). SendSSHPublicKey makes the
/// key acceptable to that instance's sshd for that OS user for 60 seconds; SendSerialConsoleSSHPublicKey, once the
/// account enabled serial console access, to the serial console endpoint for that instance (see SerialConsolePushes).
/// Answers: {"RequestId":"uuid","Success":true}; errors: {"__type":"namespace#Name","Message":"..."}.
/// </summary>
internal sealed partial class InstanceConnectApi(SimulatorState state, ILogger logger) : IAwsApi
{
    public const string TargetPrefix = "AWSEC2InstanceConnectService.";
    public const string SendSshPublicKey = "SendSSHPublicKey";
    public const string SendSerialConsoleSshPublicKey = "SendSerialConsoleSSHPublicKey";

    public AwsService Service => AwsService.InstanceConnect;

    public bool Accepts(AwsRequest request) =>
        request.Header("X-Amz-Target")?.StartsWith(TargetPrefix, StringComparison.Ordinal) == true;

    public string Operation(AwsRequest request)
    {
        var target = request.Header("X-Amz-Target") ?? "";
        return target.StartsWith(TargetPrefix, StringComparison.Ordinal) ? target[TargetPrefix.Length..] : target;
    }

    public async Task HandleAsync(ApiCall call)
    {
        var operation = Operation(call.Request);
        if (operation is not (SendSshPublicKey or SendSerialConsoleSshPublicKey))
        {
            throw InstanceConnectErrors.UnknownOperation(call.Request.Header("X-Amz-Target") ?? "(no X-Amz-Target)");
        }

        var serial = operation == SendSerialConsoleSshPublicKey;
        var push = KeyPushRequest.Parse(call.Request.Body, serial);
        var action = "ec2-instance-connect:" + operation;
        if (!state.Policy.Allows(call.Caller, action, push.InstanceId, push.OsUser))
        {
            throw InstanceConnectErrors.Auth(
                $"User: {call.Caller.Arn} is not authorized to perform: {action} on resource: {state.InstanceArn(push.InstanceId)}"
                + (push.OsUser is null ? "" : $" for OS user {push.OsUser}"));
        }

        var instance = state.FindInstance(push.InstanceId) ?? throw InstanceConnectErrors.InstanceNotFound(push.InstanceId);
        if (push.AvailabilityZone is { } zone && zone != instance.Definition.AvailabilityZone)
        {
            throw InstanceConnectErrors.InvalidArgs($"Instance {push.InstanceId} is not in availability zone {zone}");
        }

        switch (instance.State)
        {
            case InstanceStateName.Running:
                break;
            case InstanceStateName.Pending:
                throw InstanceConnectErrors.InstanceUnavailable();
            default:
                throw InstanceConnectErrors.InstanceStateInvalid();
        }

        if (serial)
        {
            SerialConsolePushes.Accept(state, instance, push.PublicKey);
        }
        else
        {
            state.Keys.Push(push.InstanceId, push.OsUser!, push.PublicKey);
            LogPushed(logger, OpenSshPublicKey.Fingerprint(push.PublicKey), push.InstanceId, push.OsUser!, call.Caller.Arn, call.RequestId);
        }

        await WriteJsonAsync(call.Response, StatusCodes.Status200OK, call.RequestId, json =>
        {
            json.WriteString("RequestId", call.RequestId);
            json.WriteBoolean("Success", true);
        });
    }

    public ApiException AuthenticationError(SignatureFailure failure) => failure.Kind switch
    {
        SignatureFailureKind.Missing => InstanceConnectErrors.MissingAuthenticationToken("Missing Authentication Token"),
        SignatureFailureKind.Malformed => InstanceConnectErrors.IncompleteSignature(failure.Message),
        SignatureFailureKind.UnknownAccessKey or SignatureFailureKind.InvalidSessionToken =>
            InstanceConnectErrors.UnrecognizedClient(failure.Message),
        SignatureFailureKind.ExpiredSessionToken => InstanceConnectErrors.ExpiredToken(failure.Message),
        _ => InstanceConnectErrors.InvalidSignature(failure.Message),
    };

    public ApiException ThrottlingError() => InstanceConnectErrors.Throttling();

    public ApiException InternalError() => InstanceConnectErrors.Service();

    public Task WriteErrorAsync(HttpResponse response, ApiException error, string requestId)
    {
        // Clients read the error name from x-amzn-ErrorType or from __type; the part after '#' is the name.
        response.Headers["x-amzn-ErrorType"] = error.Name;
        return WriteJsonAsync(response, error.StatusCode, requestId, json =>
        {
            json.WriteString("__type", error.Code);
            json.WriteString("Message", error.Message);
        });
    }

    [LoggerMessage(3, LogLevel.Information, "Key {Fingerprint} accepted for {InstanceId} as {OsUser} for 60 s, pushed by {Caller} (request {RequestId})")]
    private static partial void LogPushed(ILogger logger, string fingerprint, string instanceId, string osUser, string caller, string requestId);

    private static Task WriteJsonAsync(HttpResponse response, int statusCode, string requestId, Action<Utf8JsonWriter> body) =>
        JsonAnswer.WriteAsync(response, statusCode, requestId, body);
}
