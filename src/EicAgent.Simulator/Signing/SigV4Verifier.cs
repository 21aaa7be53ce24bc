using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using EicAgent.Simulator.Http;

namespace EicAgent.Simulator.Signing;

/// <summary>
/// The server side of AWS Signature Version 4 (Authorization header, or presigned query string): recomputes the signature of a request as received
/// and checks its credential scope, access key, session token and time against the simulator's own.
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
/// </summary>
internal sealed class SigV4Verifier(IReadOnlyList<SimulatedCaller> callers, string region, TimeProvider clock)
{
    public static readonly TimeSpan AllowedSkew = TimeSpan.FromMinutes(5);
    private const string TimeFormat = "yyyyMMdd'T'HHmmss'Z'";
    private const string UnsignedPayload = "UNSIGNED-PAYLOAD";

    /// <summary>Temporary credentials STS AssumeRole issued, accepted besides the fixed callers until they expire.</summary>
    public Sts.StsSessions? IssuedSessions { get; init; }

    public bool TryVerify(
        AwsRequest request,
        string signingName,
        [NotNullWhen(true)] out SimulatedCaller? caller,
        [NotNullWhen(false)] out SignatureFailure? failure)
    {
        caller = null;
        failure = Check(request, signingName, ref caller);
        return failure is null;
    }

    private SignatureFailure? Check(AwsRequest request, string signingName, ref SimulatedCaller? caller)
    {
        var authorization = SigV4Authorization.Read(request, out var problem);
        if (authorization is null)
        {
            return problem is null
                ? new(SignatureFailureKind.Missing, "Request is missing Authentication Token")
                : new(SignatureFailureKind.Malformed, problem);
        }

        var issued = IssuedSessions?.Find(authorization.AccessKeyId);
        if (issued is { Expired: true })
        {
            return new(SignatureFailureKind.ExpiredSessionToken, SignatureFailure.ExpiredTokenMessage);
        }

        var known = callers.FirstOrDefault(c => c.AccessKeyId == authorization.AccessKeyId) ?? issued?.Caller;
        if (known is null)
        {
            return new(SignatureFailureKind.UnknownAccessKey, SignatureFailure.InvalidTokenMessage);
        }

        if (known.SessionToken != authorization.SecurityToken)
        {
            return new(SignatureFailureKind.InvalidSessionToken, SignatureFailure.InvalidTokenMessage);
        }

        var amzDate = authorization.Date;
        if (amzDate is null || !DateTimeOffset.TryParseExact(
                amzDate, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var signedAt))
        {
            return new(SignatureFailureKind.Malformed, "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
        }

        if (ScopeProblem(authorization, amzDate, signingName) is { } scopeProblem)
        {
            return new(SignatureFailureKind.WrongScope, scopeProblem);
        }

        if (TimeProblem(signedAt, amzDate, authorization.Expires) is { } timeProblem)
        {
            return new(SignatureFailureKind.Expired, timeProblem);
        }

        if (!authorization.SignedHeaders.Contains("host"))
        {
            return new(SignatureFailureKind.Malformed, "'Host' must be a signed header.");
        }

        var bodyHash = CanonicalRequest.HexSha256(request.Body);
        var declaredHash = request.Header("X-Amz-Content-SHA256");
        if (declaredHash is not null && declaredHash != bodyHash)
        {
            return new(SignatureFailureKind.Mismatch, "The provided 'x-amz-content-sha256' header does not match what was computed.");
        }

        // A presigned URL may sign its (empty) body's hash or declare it unsigned; a signed header always hashes the body.
        string[] payloadHashes = authorization.Presigned ? [bodyHash, UnsignedPayload] : [bodyHash];
        if (!payloadHashes.Any(hash => SignatureMatches(request, authorization, known.SecretAccessKey, hash)))
        {
            return new(SignatureFailureKind.Mismatch, SignatureFailure.MismatchMessage);
        }

        caller = known;
        return null;
    }

    private static bool SignatureMatches(AwsRequest request, SigV4Authorization authorization, string secret, string payloadHash)
    {
        var canonical = CanonicalRequest.Build(request, authorization.SignedHeaders, payloadHash, authorization.Presigned);
        var stringToSign = $"{SigV4Authorization.Algorithm}\n{authorization.Date}\n{authorization.CredentialScope}\n{CanonicalRequest.HexSha256(canonical)}";
        var expected = Signature(secret, authorization, stringToSign);
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(authorization.Signature));
    }

    private string? ScopeProblem(SigV4Authorization authorization, string amzDate, string signingName)
    {
        if (authorization.ScopeService != signingName)
        {
            return $"Credential should be scoped to correct service: '{signingName}'. ";
        }

        if (authorization.ScopeRegion != region)
        {
            return $"Credential should be scoped to a valid region, not '{authorization.ScopeRegion}'. ";
        }

        return authorization.ScopeDate != amzDate[..8]
            ? $"Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '{authorization.ScopeDate}' != '{amzDate[..8]}', from '{amzDate}'."
            : null;
    }

    // Signed headers are good for 5 minutes either side of our clock; a presigned URL until its X-Amz-Expires ends.
    private string? TimeProblem(DateTimeOffset signedAt, string amzDate, TimeSpan? expires)
    {
        var now = clock.GetUtcNow();
        string Format(DateTimeOffset t) => t.ToString(TimeFormat, CultureInfo.InvariantCulture);
        if (expires is { } lifetime && now > signedAt + lifetime)
        {
            return $"Request has expired: signed at {amzDate} for {lifetime.TotalSeconds} s, now {Format(now)}";
        }

        if (expires is null && signedAt < now - AllowedSkew)
        {
            return $"Signature expired: {amzDate} is now earlier than {Format(now - AllowedSkew)} ({Format(now)} - 5 min.)";
        }

        return signedAt > now + AllowedSkew
            ? $"Signature not yet current: {amzDate} is still later than {Format(now + AllowedSkew)} ({Format(now)} + 5 min.)"
            : null;
    }

    private static string Signature(string secret, SigV4Authorization authorization, string stringToSign)
    {
        var key = Hmac(Encoding.UTF8.GetBytes("AWS4" + secret), authorization.ScopeDate);
        key = Hmac(key, authorization.ScopeRegion);
        key = Hmac(key, authorization.ScopeService);
        key = Hmac(key, "aws4_request");
        return Convert.ToHexStringLower(Hmac(key, stringToSign));
    }

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));
}
