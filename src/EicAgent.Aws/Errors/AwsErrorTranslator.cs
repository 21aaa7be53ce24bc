using System.Net.Http;
using System.Net.Sockets;
using System.Security.Authentication;
using Amazon.Runtime;
using Amazon.Runtime.Internal.Endpoints.StandardLibrary;
using EicAgent.Aws.Tls;

namespace EicAgent.Aws.Errors;

/// <summary>
/// The one place that turns SDK, HTTP and credential exceptions into <see cref="EicAwsException"/>s whose message
/// says what to do. Service errors are recognised by error code, so the same rules hold for our EC2 Instance Connect
/// client and for the real AWSSDK.EC2InstanceConnect package.
/// </summary>
internal static class AwsErrorTranslator
{
    private static readonly HashSet<string> ThrottlingCodes = new(StringComparer.OrdinalIgnoreCase)
    {
        "Throttling", "ThrottlingException", "RequestLimitExceeded", "TooManyRequestsException", "RequestThrottled",
        "RequestThrottledException", "SlowDown",
    };

    private static readonly HashSet<string> InvalidCredentialCodes = new(StringComparer.OrdinalIgnoreCase)
    {
        "AuthFailure", "InvalidClientTokenId", "SignatureDoesNotMatch", "UnrecognizedClientException",
        "ExpiredToken", "ExpiredTokenException", "RequestExpired", "InvalidAccessKeyId", "IncompleteSignature",
    };

    public static EicAwsException Translate(Exception exception, AwsCallContext context) => exception switch
    {
        EicAwsException already => already,
        // Our own credentials (an assume-role that needs an MFA code) throw ours; the SDK's pipeline may wrap it.
        _ when exception.InnerException is EicAwsException ours => ours,
        AmazonServiceException { ErrorCode: { Length: > 0 } code } service => FromServiceError(code, service, context),
        _ when CredentialErrors.TryTranslate(exception, context.Scope) is { } credentials => credentials,
        _ when CustomEndpointConflict(exception) is { } conflict => conflict,
        _ when FindNetworkCause(exception, context.Scope.CaBundle) is { } cause => new EicAwsException(
            EicAwsErrorKind.Unreachable, $"cannot reach AWS for {context.Operation} in {context.Scope.Region}: {cause}", exception),
        AmazonServiceException service => new EicAwsException(
            EicAwsErrorKind.Service,
            $"{context.Operation} failed in {context.Scope.Describe()}: HTTP {(int)service.StatusCode} {FirstLine(service.Message)}",
            exception),
        _ => new EicAwsException(
            EicAwsErrorKind.Service, $"{context.Operation} failed in {context.Scope.Describe()}: {FirstLine(exception.Message)}", exception),
    };

    /// <summary>
    /// Every AWS endpoint rule set refuses FIPS or dual-stack endpoints with a custom endpoint URL ("Invalid
    /// Configuration: Dualstack and custom endpoint are not supported"); the line names the settings on both sides.
    /// </summary>
    private static EicAwsException? CustomEndpointConflict(Exception exception)
    {
        var message = exception.Message;
        var variant = message.Contains("Dualstack and custom endpoint", StringComparison.OrdinalIgnoreCase)
            ? "dual-stack endpoints (AWS_USE_DUALSTACK_ENDPOINT or use_dualstack_endpoint)"
            : message.Contains("FIPS and custom endpoint", StringComparison.OrdinalIgnoreCase)
                ? "FIPS endpoints (AWS_USE_FIPS_ENDPOINT or use_fips_endpoint)"
                : null;
        return variant is null ? null : new EicAwsException(
            EicAwsErrorKind.InvalidInput,
            $"{variant} and a custom endpoint URL (AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_<SERVICE> or endpoint_url) cannot be used together, "
            + "the AWS SDK refuses it: unset one of them",
            exception);
    }

    public static EicAwsException Timeout(AwsCallContext context, TimeSpan bound, Exception? inner) => new(
        EicAwsErrorKind.Timeout,
        $"no answer from AWS for {context.Operation} in {context.Scope.Region} within {bound.TotalSeconds:0.#} s; check the network or proxy and try again",
        inner);

    private static EicAwsException FromServiceError(string code, AmazonServiceException error, AwsCallContext context)
    {
        var said = FirstLine(error.Message);
        var instance = context.InstanceId ?? "the instance";
        return code switch
        {
            "AuthException" when context.OsUser is null => new(
                EicAwsErrorKind.AccessDenied,
                $"not allowed to open the serial console of {instance}: the caller needs {context.IamAction} on {InstanceArn(context)} "
                + $"({context.Scope.Describe()}; AWS said: {said})",
                error),
            "AuthException" => new(
                EicAwsErrorKind.AccessDenied,
                $"not allowed to push a key to {instance} as '{context.OsUser}': the caller needs {context.IamAction} on "
                + $"{InstanceArn(context)} with condition ec2:osuser = {context.OsUser} ({context.Scope.Describe()}; AWS said: {said})",
                error),
            "AccessDeniedException" when context.Operation == "StartSession" => SessionManagerErrors.StartDenied(context, said, error),
            "TargetNotConnected" or "InvalidDocument" or "InvalidInstanceId" when context.Operation == "StartSession" =>
                SessionManagerErrors.StartRefused(code, context, said, error),
            "UnauthorizedOperation" or "AccessDenied" or "AccessDeniedException" => new(
                EicAwsErrorKind.AccessDenied,
                $"access denied: the caller needs {context.IamAction} in {context.Scope.Describe()} (AWS said: {said})",
                error),
            _ when InvalidCredentialCodes.Contains(code) => new(
                EicAwsErrorKind.InvalidCredentials,
                $"AWS rejected the credentials of {context.Scope.Describe()} ({code}): {RenewAdvice(context)}",
                error),
            _ when ThrottlingCodes.Contains(code) => new(
                EicAwsErrorKind.Throttled,
                $"AWS throttled {context.Operation} in {context.Scope.Region} even after retries; wait a moment and try again",
                error),
            "EC2InstanceNotFoundException" or "InvalidInstanceID.NotFound" => new(
                EicAwsErrorKind.NotFound, $"instance {instance} not found in {context.Scope.Describe()}", error),
            "EC2InstanceStateInvalidException" => new(
                EicAwsErrorKind.NotRunning, $"instance {instance} is not running, so it cannot take a key: start it and try again", error),
            "EC2InstanceUnavailableException" => new(
                EicAwsErrorKind.Unavailable, $"instance {instance} cannot take a key right now; try again in a few minutes ({said})", error),
            "InvalidArgsException" or "InvalidInstanceID.Malformed" or "InvalidParameterValue" => new(
                EicAwsErrorKind.InvalidInput, $"AWS rejected the {context.Operation} request: {said}", error),
            "SerialConsoleAccessDisabledException" => new(
                EicAwsErrorKind.AccessDenied,
                $"serial console access is disabled for the account: enable it with `aws ec2 enable-serial-console-access {context.Scope.CliArguments()}`",
                error),
            "SerialConsoleSessionLimitExceededException" => new(
                EicAwsErrorKind.Unavailable,
                $"instance {instance} already has a serial console session open (one at a time): end that one (type ~. in its ssh) and try again",
                error),
            "SerialConsoleSessionUnavailableException" => new(
                EicAwsErrorKind.Unavailable, $"the EC2 Serial Console cannot open a session to {instance} right now; try again in a minute ({said})", error),
            "SerialConsoleSessionUnsupportedException" => new(
                EicAwsErrorKind.InvalidInput,
                $"instance {instance} cannot have serial console sessions yet: reboot it (which updates its BIOS), then try again ({said})",
                error),
            "EC2InstanceTypeInvalidException" => new(
                EicAwsErrorKind.InvalidInput,
                $"instance {instance} is not on an instance type built on the Nitro System, which the serial console needs: "
                + $"change its type (stop it, `aws ec2 modify-instance-attribute --instance-id {instance} --instance-type t3.micro {context.Scope.CliArguments()}`, start it) ({said})",
                error),
            _ => new(
                EicAwsErrorKind.Service,
                $"{context.Operation} failed in {context.Scope.Describe()}: {code}: {said}",
                error),
        };
    }

    private static string InstanceArn(AwsCallContext context)
    {
        var partition = Fn.Partition(context.Scope.Region)?.name ?? "aws";
        return $"arn:{partition}:ec2:{context.Scope.Region}:{context.AccountId ?? "ACCOUNT"}:instance/{context.InstanceId ?? "*"}";
    }

    private static string RenewAdvice(AwsCallContext context) => context.Scope.Profile is { } profile
        ? $"renew them (`aws sso login --profile {profile}` for an SSO profile, else fresh keys in ~/.aws/credentials)"
        : "renew them (`aws sso login`, `aws configure`, or fresh AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY/AWS_SESSION_TOKEN)";

    private static string? FindNetworkCause(Exception exception, CaBundleSource? trusted)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case SocketException socket:
                    return socket.SocketErrorCode switch
                    {
                        SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => $"DNS lookup failed ({socket.Message})",
                        SocketError.ConnectionRefused => $"connection refused ({socket.Message})",
                        SocketError.NetworkUnreachable or SocketError.HostUnreachable => $"network unreachable ({socket.Message})",
                        SocketError.TimedOut => "connection timed out",
                        _ => socket.Message,
                    };
                case AuthenticationException tls:
                    return CaBundleSource.TlsFailure(tls, trusted);
                case HttpRequestException http when http.InnerException is null:
                    return FirstLine(http.Message);
            }
        }

        return null;
    }

    internal static string FirstLine(string? message)
    {
        var line = (message ?? string.Empty).Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .FirstOrDefault() ?? string.Empty;
        return line.Length > 300 ? line[..300] + "..." : line;
    }
}
