using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using EicAgent.Aws.Errors;

namespace EicAgent.Aws.Scopes;

/// <summary>
/// The credentials of an assume-role profile (role_arn with source_profile), from an STS client that looks where the
/// caller's context says (AWS_ENDPOINT_URL_STS, FIPS, ...): the SDK's own assume-role client would read the agent's
/// environment. With mfa_serial, each AssumeRole takes a code the user typed, or a session the agent lent
/// (<see cref="MfaAnswers"/>); without either it asks for a code (<see cref="EicAwsErrorKind.MfaCodeRequired"/>). The
/// role's credentials then serve until they expire.
/// </summary>
internal sealed class ContextAssumeRoleCredentials : RefreshingAWSCredentials
{
    /// <summary>Credentials are refreshed this long before they expire: only a little, as with MFA each refresh needs the user.</summary>
    public static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(1);

    private readonly IAmazonSecurityTokenService _sts;
    private readonly AssumeRoleProfile _role;
    private readonly MfaAnswers _answers;
    private readonly AwsContext _context;
    private readonly string _region;

    public ContextAssumeRoleCredentials(IAmazonSecurityTokenService sts, AssumeRoleProfile role, MfaAnswers answers, AwsContext context, string region)
    {
        _sts = sts;
        _role = role;
        _answers = answers;
        _context = context;
        _region = region;

        PreemptExpiryTime = RefreshMargin;
    }

    /// <summary>When the role's session, bought with an MFA code, ends: until then its scope is kept however idle.</summary>
    public DateTimeOffset? MfaSessionExpires { get; private set; }

    /// <summary>The session an MFA code bought, while it lasts: for the agent to lend (<see cref="AwsScope.LendMfaRoleSessionAsync"/>).</summary>
    public async Task<MfaRoleSession?> CurrentMfaSessionAsync()
    {
        var credentials = await GetCredentialsAsync().ConfigureAwait(false);
        return MfaSessionExpires is { } expires ? new MfaRoleSession(credentials.AccessKey, credentials.SecretKey, credentials.Token, expires) : null;
    }

    protected override CredentialsRefreshState GenerateNewCredentials() => GenerateNewCredentialsAsync().GetAwaiter().GetResult();

    protected override async Task<CredentialsRefreshState> GenerateNewCredentialsAsync()
    {
        var request = new AssumeRoleRequest { RoleArn = _role.RoleArn, RoleSessionName = _role.SessionName, ExternalId = _role.ExternalId };
        if (_role.MfaSerial is { } serial)
        {
            if (_answers.TryGetSession(_context, _role.ProfileName, out var bought))
            {
                MfaSessionExpires = bought.Expires;
                return new CredentialsRefreshState(new ImmutableCredentials(bought.AccessKeyId, bought.SecretAccessKey, bought.SessionToken), bought.Expires.UtcDateTime);
            }

            if (!_answers.TryTake(_context, out var code))
            {
                throw new EicAwsException(EicAwsErrorKind.MfaCodeRequired, $"profile {_role.ProfileName} needs an MFA code for {serial}")
                {
                    MfaSerial = serial,
                    MfaProfile = _role.ProfileName,
                    MfaRegion = _region,
                };
            }

            request.SerialNumber = serial;
            request.TokenCode = code;
        }

        AssumeRoleResponse response;
        try
        {
            response = await _sts.AssumeRoleAsync(request).ConfigureAwait(false);
        }
        catch (AmazonSecurityTokenServiceException error) when (request.SerialNumber is not null && error.ErrorCode == "AccessDenied")
        {
            throw new EicAwsException(
                EicAwsErrorKind.AccessDenied,
                $"AWS refused the MFA code for {request.SerialNumber} (profile {_role.ProfileName}): {AwsErrorTranslator.FirstLine(error.Message)} -- connect again and type the current code",
                error);
        }

        var issued = response.Credentials;
        var expires = issued.Expiration ?? DateTime.UtcNow.AddMinutes(15);
        if (request.SerialNumber is not null)
        {
            MfaSessionExpires = new DateTimeOffset(DateTime.SpecifyKind(expires.ToUniversalTime(), DateTimeKind.Utc));
            _answers.Offer(_context, _role.ProfileName, new MfaRoleSession(issued.AccessKeyId, issued.SecretAccessKey, issued.SessionToken, MfaSessionExpires.Value));
        }

        return new CredentialsRefreshState(new ImmutableCredentials(issued.AccessKeyId, issued.SecretAccessKey, issued.SessionToken), expires);
    }
}

/// <summary>What an assume-role profile says: which role, as which session, with which MFA device.</summary>
internal sealed record AssumeRoleProfile(string ProfileName, string RoleArn, string SessionName, string? ExternalId, string? MfaSerial);
