using EicAgent.Simulator.Http;
using EicAgent.Simulator.Signing;
using Microsoft.AspNetCore.Http;

namespace EicAgent.Simulator.Ec2;

/// <summary>
/// The EC2 query API (protocol "ec2": form-encoded POST Action=...&amp;Version=2016-11-15, XML answers).
/// Errors: &lt;Response&gt;&lt;Errors&gt;&lt;Error&gt;&lt;Code/&gt;&lt;Message/&gt;&lt;/Error&gt;&lt;/Errors&gt;&lt;RequestID/&gt;&lt;/Response&gt;.
/// </summary>
internal sealed class Ec2Api(SimulatorState state) : IAwsApi
{
    public const string Version = "2016-11-15";
    public const string Namespace = "http://ec2.amazonaws.com/doc/2016-11-15/";

    public AwsService Service => AwsService.Ec2;

    public bool Accepts(AwsRequest request) => request.IsQueryRequest(Version);

    public string Operation(AwsRequest request) => request.QueryAction;

    public Task HandleAsync(ApiCall call)
    {
        var ec2 = new Ec2Call(call, state);
        return Operation(call.Request) switch
        {
            DescribeInstances.Operation => DescribeInstances.HandleAsync(ec2),
            DescribeInstanceConnectEndpoints.Operation => DescribeInstanceConnectEndpoints.HandleAsync(ec2),
            GetConsoleOutput.Operation => GetConsoleOutput.HandleAsync(ec2),
            DescribeImages.Operation => DescribeImages.HandleAsync(ec2),
            DescribeSecurityGroups.Operation => DescribeSecurityGroups.HandleAsync(ec2),
            StartStopInstances.Start or StartStopInstances.Stop => StartStopInstances.HandleAsync(ec2, Operation(call.Request)),
            CreateDeleteTags.Create or CreateDeleteTags.Delete => CreateDeleteTags.HandleAsync(ec2, Operation(call.Request)),
            DescribeInstanceTypes.Operation => DescribeInstanceTypes.HandleAsync(ec2),
            SerialConsoleAccess.Enable or SerialConsoleAccess.Disable or SerialConsoleAccess.Status => SerialConsoleAccess.HandleAsync(ec2, Operation(call.Request)),
            SecurityGroupIngress.Authorize or SecurityGroupIngress.Revoke => SecurityGroupIngress.HandleAsync(ec2, Operation(call.Request)),
            DescribeRegions.Operation => DescribeRegions.HandleAsync(ec2),
            DescribeInstanceStatus.Operation => DescribeInstanceStatus.HandleAsync(ec2),
            var other => throw Ec2Errors.NotImplemented(other),
        };
    }

    public ApiException AuthenticationError(SignatureFailure failure) => failure.Kind switch
    {
        SignatureFailureKind.Missing => new("MissingAuthenticationToken",
            "The request must contain either a valid (registered) AWS access key ID or X.509 certificate.", 401),
        SignatureFailureKind.Malformed => new("IncompleteSignature", failure.Message),
        SignatureFailureKind.UnknownAccessKey or SignatureFailureKind.InvalidSessionToken =>
            new("AuthFailure", "AWS was not able to validate the provided access credentials", 401),
        SignatureFailureKind.WrongScope => new("AuthFailure", failure.Message.Trim(), 401),
        SignatureFailureKind.ExpiredSessionToken => new("ExpiredToken", failure.Message, 403),
        SignatureFailureKind.Expired => new("RequestExpired", $"Request has expired. {failure.Message}"),
        _ => new("SignatureDoesNotMatch", failure.Message, 403),
    };

    public ApiException ThrottlingError() => new("RequestLimitExceeded", "Request limit exceeded.", 503);

    public ApiException InternalError() => new("InternalError", "An internal error has occurred", 500);

    public Task WriteErrorAsync(HttpResponse response, ApiException error, string requestId) =>
        XmlAnswer.WriteAsync(response, error.StatusCode, "Response", null, x => x
            .Start("Errors").Start("Error").Value("Code", error.Code).Value("Message", error.Message).End().End()
            .Value("RequestID", requestId));
}
