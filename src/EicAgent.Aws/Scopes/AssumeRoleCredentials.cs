using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Amazon.SecurityToken;

namespace EicAgent.Aws.Scopes;

/// <summary>Builds <see cref="ContextAssumeRoleCredentials"/> for a profile with role_arn and source_profile.</summary>
internal static class AssumeRoleCredentials
{
    /// <summary>Null when <paramref name="profile"/> is not such a profile (credential_source roles stay with the SDK).</summary>
    public static AWSCredentials? TryCreate(
        CredentialProfile profile, AwsScopeInfo scope, AwsContext context, ICredentialProfileSource store, AwsSettings settings, string credentialsPath, MfaAnswers answers)
    {
        var options = profile.Options;
        if (string.IsNullOrEmpty(options.RoleArn) || string.IsNullOrEmpty(options.SourceProfile))
        {
            return null;
        }

        var source = AwsProfileSettings.LoadProfile(options.SourceProfile, context, store)!;
        var sourceCredentials = TryCreate(source, scope, context, store, settings, credentialsPath, answers)
            ?? AWSCredentialsFactory.GetAWSCredentials(source, store);
        var stsConfig = new AmazonSecurityTokenServiceConfig();
        AwsProfileSettings.Apply(stsConfig, scope, profile, settings, context, credentialsPath);
        var role = new AssumeRoleProfile(
            profile.Name,
            options.RoleArn,
            string.IsNullOrEmpty(options.RoleSessionName) ? $"eic-{DateTime.UtcNow.Ticks}" : options.RoleSessionName,
            NullIfEmpty(options.ExternalID),
            NullIfEmpty(options.MfaSerial));
        return new ContextAssumeRoleCredentials(new AmazonSecurityTokenServiceClient(sourceCredentials, stsConfig), role, answers, context, scope.Region);
    }

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
