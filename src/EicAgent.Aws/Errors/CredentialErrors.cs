using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using EicAgent.Aws.Scopes;

namespace EicAgent.Aws.Errors;

/// <summary>
/// Recognises the SDK's credential-chain failures. The SDK throws plain AmazonClientExceptions for most of them,
/// so these rules match its message texts (checked against AWSSDK.Core 4.1.0 by this project's tests).
/// </summary>
internal static class CredentialErrors
{
    public static EicAwsException? TryTranslate(Exception exception, AwsScopeInfo scope)
    {
        var message = AllMessages(exception);
        var profile = scope.Profile ?? scope.EnvironmentProfile;
        var loginProfile = profile is null ? string.Empty : $" --profile {profile}";

        if (Contains(message, "SSO profile") || Contains(message, "SSO token") || Contains(message, "sso_session")
            || Contains(message, "SSOOIDC") || exception.GetType().Namespace?.StartsWith("Amazon.SSO", StringComparison.Ordinal) == true)
        {
            return new EicAwsException(
                EicAwsErrorKind.SsoLoginRequired,
                $"the AWS SSO session{(profile is null ? string.Empty : $" of profile {profile}")} is missing or expired: run `aws sso login{loginProfile}`",
                exception);
        }

        if (exception is ProcessAWSCredentialException || Contains(message, "credential_process"))
        {
            return new EicAwsException(
                EicAwsErrorKind.NoCredentials,
                $"credential_process of profile {profile ?? "default"} failed: {AwsErrorTranslator.FirstLine(exception.Message)}",
                exception);
        }

        if (Contains(message, "Failed to resolve AWS credentials") || Contains(message, "Unable to get IAM security credentials"))
        {
            return NoCredentials(exception);
        }

        if (exception is ProfileNotFoundException || (Contains(message, "Unable to find the") && Contains(message, "profile")))
        {
            return new EicAwsException(
                EicAwsErrorKind.NoCredentials,
                $"AWS profile '{profile ?? "default"}' not found in ~/.aws/config or ~/.aws/credentials (or AWS_CONFIG_FILE/AWS_SHARED_CREDENTIALS_FILE): create it with `aws configure{loginProfile}`",
                exception);
        }

        return null;
    }

    public static EicAwsException NoCredentials(Exception? inner) => new(
        EicAwsErrorKind.NoCredentials,
        "no AWS credentials found: set AWS_PROFILE or pass --profile, run `aws configure` or `aws sso login`, or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY",
        inner);

    private static bool Contains(string haystack, string needle) => haystack.Contains(needle, StringComparison.OrdinalIgnoreCase);

    private static string AllMessages(Exception exception)
    {
        var messages = new List<string>();
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            messages.Add(current.Message);
        }

        return string.Join(" | ", messages);
    }
}
