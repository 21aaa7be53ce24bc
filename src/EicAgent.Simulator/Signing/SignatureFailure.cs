namespace EicAgent.Simulator.Signing;

/// <summary>Why a request's SigV4 authentication was refused; each protocol maps it to its own error code.</summary>
internal enum SignatureFailureKind
{
    Missing,
    Malformed,
    UnknownAccessKey,
    InvalidSessionToken,
    ExpiredSessionToken,
    WrongScope,
    Expired,
    Mismatch,
}

internal sealed record SignatureFailure(SignatureFailureKind Kind, string Message)
{
    public const string MismatchMessage =
        "The request signature we calculated does not match the signature you provided. "
        + "Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";

    public const string InvalidTokenMessage = "The security token included in the request is invalid.";

    public const string ExpiredTokenMessage = "The security token included in the request is expired";
}
