using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using EicAgent.Aws.Errors;

namespace EicAgent.Aws.Scopes;

/// <summary>
/// Credentials from the caller's context, built explicitly so that the process's own environment cannot slip in:
/// a profile named explicitly; else keys in the caller's environment (`aws-vault exec`); else the caller's
/// AWS_PROFILE or the default profile; else null, for the SDK's chain (web identity, container, instance role).
/// </summary>
internal static class AwsCredentialSource
{
    /// <param name="assumeRole">Credentials for an assume-role profile that the caller's context must shape (null: the SDK's).</param>
    public static AWSCredentials? Resolve(
        string? explicitProfile, CredentialProfile? profile, AwsContext context, ICredentialProfileSource store, Func<CredentialProfile, AWSCredentials?> assumeRole)
    {
        if (explicitProfile is null && context.Get(AwsContext.AccessKeyId) is { } keyId && context.Get(AwsContext.SecretAccessKey) is { } secret)
        {
            return context.Get(AwsContext.SessionToken) is { } token ? new SessionAWSCredentials(keyId, secret, token) : new BasicAWSCredentials(keyId, secret);
        }

        if (profile is not null && (profile.CanCreateAWSCredentials || explicitProfile is not null || context.Get(AwsContext.Profile) is not null))
        {
            return assumeRole(profile) ?? AWSCredentialsFactory.GetAWSCredentials(profile, store);
        }

        // The SDK's chain reads AWS_EC2_METADATA_DISABLED from this process only: honour the caller's.
        if (context.Switch(AwsContext.MetadataDisabled) == true
            && !string.Equals(Environment.GetEnvironmentVariable(AwsContext.MetadataDisabled), "true", StringComparison.OrdinalIgnoreCase))
        {
            throw CredentialErrors.NoCredentials(null);
        }

        return null;
    }
}
