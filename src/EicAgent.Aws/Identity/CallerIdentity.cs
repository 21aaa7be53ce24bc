using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using EicAgent.Aws.Errors;
using EicAgent.Aws.Scopes;

namespace EicAgent.Aws.Identity;

/// <summary>Who a scope's credentials belong to (STS GetCallerIdentity): what `eic doctor` shows as the identity.</summary>
public sealed record CallerIdentity(string Account, string Arn)
{
    /// <exception cref="EicAwsException">Expired or invalid credentials, STS unreachable, timeout.</exception>
    public static async Task<CallerIdentity> GetAsync(AwsScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var config = new AmazonSecurityTokenServiceConfig();
        ScopeClients.Configure(config, scope);
        using var sts = new AmazonSecurityTokenServiceClient(scope.Credentials, config);
        var response = await ScopeClients.Guard.RunAsync(
            new AwsCallContext("GetCallerIdentity", scope.Info),
            token => sts.GetCallerIdentityAsync(new GetCallerIdentityRequest(), token),
            cancellationToken).ConfigureAwait(false);
        return new CallerIdentity(response.Account, response.Arn);
    }
}
