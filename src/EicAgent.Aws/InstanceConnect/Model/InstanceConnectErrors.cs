using Amazon.Runtime.Internal;

namespace EicAgent.Aws.InstanceConnect.Model;

// The modelled errors of ec2-instance-connect 2018-04-02 (status codes as the model declares them).

/// <summary>403: the credentials are not valid, or IAM does not allow the call on this instance for this user.</summary>
internal sealed class AuthException(ErrorResponse error) : InstanceConnectServiceException(error);

/// <summary>404.</summary>
internal sealed class Ec2InstanceNotFoundException(ErrorResponse error) : InstanceConnectServiceException(error);

/// <summary>400: stopped, terminated, or otherwise not connectable.</summary>
internal sealed class Ec2InstanceStateInvalidException(ErrorResponse error) : InstanceConnectServiceException(error);

/// <summary>503: wait a few minutes and try again.</summary>
internal sealed class Ec2InstanceUnavailableException(ErrorResponse error) : InstanceConnectServiceException(error);

/// <summary>400: an input is not valid (user name, key format, ...).</summary>
internal sealed class InvalidArgsException(ErrorResponse error) : InstanceConnectServiceException(error);

/// <summary>500.</summary>
internal sealed class ServiceException(ErrorResponse error) : InstanceConnectServiceException(error);

/// <summary>429 (also seen as 400): the SDK's retry policy retries it by its code.</summary>
internal sealed class ThrottlingException(ErrorResponse error) : InstanceConnectServiceException(error);

/// <summary>Serial console only: the instance type is not a Nitro type.</summary>
internal sealed class Ec2InstanceTypeInvalidException(ErrorResponse error) : InstanceConnectServiceException(error);

/// <summary>Serial console only, 403: the account has not enabled serial console access.</summary>
internal sealed class SerialConsoleAccessDisabledException(ErrorResponse error) : InstanceConnectServiceException(error);

/// <summary>Serial console only: one session at a time.</summary>
internal sealed class SerialConsoleSessionLimitExceededException(ErrorResponse error) : InstanceConnectServiceException(error);

/// <summary>Serial console only: try again.</summary>
internal sealed class SerialConsoleSessionUnavailableException(ErrorResponse error) : InstanceConnectServiceException(error);

/// <summary>Serial console only: the instance's BIOS needs a reboot to update.</summary>
internal sealed class SerialConsoleSessionUnsupportedException(ErrorResponse error) : InstanceConnectServiceException(error);
