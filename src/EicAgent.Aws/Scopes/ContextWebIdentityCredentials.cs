using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;

namespace EicAgent.Aws.Scopes;

/// <summary>
/// Web identity (a token file and a role) traded at STS through a client configured from the caller's context, so that
/// its CA bundle is trusted there: the SDK's own web-identity client takes nothing of a scope but a proxy.
/// </summary>
internal sealed class ContextWebIdentityCredentials(IAmazonSecurityTokenService sts, string tokenFile, string roleArn, string sessionName) : RefreshingAWSCredentials
{
    protected override CredentialsRefreshState GenerateNewCredentials() => GenerateNewCredentialsAsync().GetAwaiter().GetResult();

    protected override async Task<CredentialsRefreshState> GenerateNewCredentialsAsync()
    {
        // Read on every refresh: Kubernetes rotates a projected service account token in place.
        var token = (await File.ReadAllTextAsync(tokenFile).ConfigureAwait(false)).Trim();
        var response = await sts.AssumeRoleWithWebIdentityAsync(
            new AssumeRoleWithWebIdentityRequest { RoleArn = roleArn, RoleSessionName = sessionName, WebIdentityToken = token }).ConfigureAwait(false);
        var issued = response.Credentials;
        return new CredentialsRefreshState(
            new ImmutableCredentials(issued.AccessKeyId, issued.SecretAccessKey, issued.SessionToken), issued.Expiration ?? DateTime.UtcNow.AddMinutes(15));
    }
}
