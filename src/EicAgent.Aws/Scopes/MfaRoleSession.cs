namespace EicAgent.Aws.Scopes;

/// <summary>
/// The temporary credentials of an assume-role profile's session that an MFA code paid for, and when it ends: what the
/// agent lends `eic ls` and `eic doctor` so that the user types one code per session, not one per command.
/// <see cref="ToString"/> never shows the secret parts.
/// </summary>
public sealed record MfaRoleSession(string AccessKeyId, string SecretAccessKey, string SessionToken, DateTimeOffset Expires)
{
    public override string ToString() => $"role session {AccessKeyId} until {Expires:u}";
}
