using System.Net;
using Amazon.Runtime.Internal;
using EicAgent.Aws.InstanceConnect.Model;

namespace EicAgent.Aws.InstanceConnect.Transform;

/// <summary>
/// Turns an error response into the modelled exception: by error code first, and when the body carries no code
/// (a proxy's HTML page, an empty body) by the HTTP status the model gives each error.
/// </summary>
internal static class InstanceConnectErrorMapper
{
    private static readonly Dictionary<string, Func<ErrorResponse, InstanceConnectServiceException>> ByCode =
        new(StringComparer.Ordinal)
        {
            ["AuthException"] = e => new AuthException(e),
            ["EC2InstanceNotFoundException"] = e => new Ec2InstanceNotFoundException(e),
            ["EC2InstanceStateInvalidException"] = e => new Ec2InstanceStateInvalidException(e),
            ["EC2InstanceUnavailableException"] = e => new Ec2InstanceUnavailableException(e),
            ["InvalidArgsException"] = e => new InvalidArgsException(e),
            ["ServiceException"] = e => new ServiceException(e),
            ["ThrottlingException"] = e => new ThrottlingException(e),
            ["EC2InstanceTypeInvalidException"] = e => new Ec2InstanceTypeInvalidException(e),
            ["SerialConsoleAccessDisabledException"] = e => new SerialConsoleAccessDisabledException(e),
            ["SerialConsoleSessionLimitExceededException"] = e => new SerialConsoleSessionLimitExceededException(e),
            ["SerialConsoleSessionUnavailableException"] = e => new SerialConsoleSessionUnavailableException(e),
            ["SerialConsoleSessionUnsupportedException"] = e => new SerialConsoleSessionUnsupportedException(e),
        };

    public static InstanceConnectServiceException ToException(ErrorResponse error)
    {
        if (error.Code is not null && ByCode.TryGetValue(error.Code, out var create))
        {
            return create(error);
        }

        if (!string.IsNullOrEmpty(error.Code))
        {
            return new InstanceConnectServiceException(error);
        }

        // No code: name the error after its status so retries (by code) and translation still apply.
        var byStatus = error.StatusCode switch
        {
            HttpStatusCode.Forbidden => "AuthException",
            HttpStatusCode.NotFound => "EC2InstanceNotFoundException",
            HttpStatusCode.TooManyRequests => "ThrottlingException",
            HttpStatusCode.InternalServerError => "ServiceException",
            HttpStatusCode.ServiceUnavailable => "EC2InstanceUnavailableException",
            _ => null,
        };
        if (byStatus is null)
        {
            return new InstanceConnectServiceException(error);
        }

        error.Code = byStatus;
        return ByCode[byStatus](error);
    }
}
