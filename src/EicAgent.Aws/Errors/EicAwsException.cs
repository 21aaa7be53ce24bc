namespace EicAgent.Aws.Errors;

/// <summary>
/// Every failure of the AWS layer, as one line a person can act on (<see cref="Exception.Message"/>);
/// the SDK's own exception, when there was one, is the inner exception for logs.
/// </summary>
public sealed class EicAwsException : Exception
{
    public EicAwsException(EicAwsErrorKind kind, string message, Exception? innerException = null)
        : base(OneLine(message), innerException)
    {
        Kind = kind;
    }

    public EicAwsException()
        : this(EicAwsErrorKind.Service, "AWS call failed")
    {
    }

    public EicAwsException(string message)
        : this(EicAwsErrorKind.Service, message)
    {
    }

    public EicAwsException(string message, Exception innerException)
        : this(EicAwsErrorKind.Service, message, innerException)
    {
    }

    public EicAwsErrorKind Kind { get; }

    /// <summary>The instance the failure is about, when there is one: for a fix that names it (start-instances).</summary>
    public string? InstanceId { get; init; }

    /// <summary>For <see cref="EicAwsErrorKind.MfaCodeRequired"/>: the MFA device (mfa_serial) whose code is needed.</summary>
    public string? MfaSerial { get; init; }

    /// <summary>For <see cref="EicAwsErrorKind.MfaCodeRequired"/>: the assume-role profile whose session needs the code, and the region it was asked in.</summary>
    public string? MfaProfile { get; init; }

    /// <inheritdoc cref="MfaProfile"/>
    public string? MfaRegion { get; init; }

    /// <summary>AWS's error code (e.g. SerialConsoleAccessDisabledException) when a service refused the call: branch on this, not on the message.</summary>
    public string? ServiceErrorCode => (InnerException as Amazon.Runtime.AmazonServiceException)?.ErrorCode;

    /// <summary>Worth trying again later without changing anything (throttling, timeouts, unavailable instance).</summary>
    public bool IsTransient => Kind is EicAwsErrorKind.Throttled or EicAwsErrorKind.Timeout or EicAwsErrorKind.Unreachable or EicAwsErrorKind.Unavailable;

    private static string OneLine(string message) =>
        string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}

/// <summary>What kind of problem it is, for callers that branch (exit codes, cache invalidation, retries).</summary>
public enum EicAwsErrorKind
{
    /// <summary>No credentials anywhere in the chain, or the named profile does not exist or cannot make credentials.</summary>
    NoCredentials,

    /// <summary>An IAM Identity Center profile without a valid cached token: <c>aws sso login</c>.</summary>
    SsoLoginRequired,

    /// <summary>The credentials were rejected (expired, wrong, revoked).</summary>
    InvalidCredentials,

    /// <summary>No region from the flags, the host name, the profile or the environment.</summary>
    NoRegion,

    /// <summary>IAM denied the call.</summary>
    AccessDenied,

    /// <summary>No instance matches the target.</summary>
    NotFound,

    /// <summary>The target names several running instances.</summary>
    Ambiguous,

    /// <summary>The instance exists but is not running.</summary>
    NotRunning,

    /// <summary>The instance is running but cannot take a key now (EC2InstanceUnavailable, serial console busy).</summary>
    Unavailable,

    /// <summary>The service refused an argument (user name, key, ...).</summary>
    InvalidInput,

    /// <summary>The instance has no address that the chosen path can reach.</summary>
    NoRoute,

    Throttled,

    /// <summary>DNS failure, refused or unreachable network, TLS failure.</summary>
    Unreachable,

    /// <summary>No answer within the configured bound.</summary>
    Timeout,

    /// <summary>Anything else the service said.</summary>
    Service,

    /// <summary>An assume-role profile with mfa_serial needs a code from the user's device (the proxy asks for it).</summary>
    MfaCodeRequired,
}
