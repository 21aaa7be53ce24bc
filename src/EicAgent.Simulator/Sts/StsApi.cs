using EicAgent.Simulator.Http;
using EicAgent.Simulator.Signing;
using Microsoft.AspNetCore.Http;

namespace EicAgent.Simulator.Sts;

/// <summary>
/// STS (query protocol, Version=2011-06-15): GetCallerIdentity, answering who the signing credentials belong to, and
/// AssumeRole (with or without MFA, see <see cref="AssumeRole"/>).
/// Errors: &lt;ErrorResponse&gt;&lt;Error&gt;&lt;Type&gt;Sender&lt;/Type&gt;&lt;Code/&gt;&lt;Message/&gt;&lt;/Error&gt;&lt;RequestId/&gt;&lt;/ErrorResponse&gt;.
/// </summary>
internal sealed class StsApi(StsSessions sessions) : IAwsApi
{
    public const string Version = "2011-06-15";
    public const string Namespace = "https://sts.amazonaws.com/doc/2011-06-15/";

    public AwsService Service => AwsService.Sts;

    public bool Accepts(AwsRequest request) => request.IsQueryRequest(Version);

    public string Operation(AwsRequest request) => request.QueryAction;

    public Task HandleAsync(ApiCall call)
    {
        var operation = Operation(call.Request);
        if (operation == "AssumeRole")
        {
            return AssumeRole.HandleAsync(call, sessions);
        }

        if (operation != "GetCallerIdentity")
        {
            throw new ApiException("UnsupportedOperation", $"The EicAgent simulator does not implement the STS action {operation}.");
        }

        return XmlAnswer.WriteAsync(call.Response, StatusCodes.Status200OK, "GetCallerIdentityResponse", Namespace, x => x
            .Start("GetCallerIdentityResult")
                .Value("Arn", call.Caller.Arn)
                .Value("UserId", call.Caller.UserId)
                .Value("Account", call.Caller.Account)
            .End()
            .Start("ResponseMetadata").Value("RequestId", call.RequestId).End());
    }

    public ApiException AuthenticationError(SignatureFailure failure) => failure.Kind switch
    {
        SignatureFailureKind.Missing => new("MissingAuthenticationToken", failure.Message, 403),
        SignatureFailureKind.Malformed => new("IncompleteSignature", failure.Message),
        SignatureFailureKind.UnknownAccessKey or SignatureFailureKind.InvalidSessionToken =>
            new("InvalidClientTokenId", failure.Message, 403),
        SignatureFailureKind.ExpiredSessionToken => new("ExpiredToken", failure.Message, 403),
        _ => new("SignatureDoesNotMatch", failure.Message, 403),
    };

    public ApiException ThrottlingError() => new("Throttling", "Rate exceeded");

    public ApiException InternalError() => new("InternalFailure", "An internal error has occurred", 500);

    public Task WriteErrorAsync(HttpResponse response, ApiException error, string requestId) =>
        XmlAnswer.WriteAsync(response, error.StatusCode, "ErrorResponse", Namespace, x => x
            .Start("Error")
                .Value("Type", error.StatusCode >= 500 ? "Receiver" : "Sender")
                .Value("Code", error.Code)
                .Value("Message", error.Message)
            .End()
            .Value("RequestId", requestId));
}
