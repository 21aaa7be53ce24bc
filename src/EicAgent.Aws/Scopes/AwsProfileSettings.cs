using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using EicAgent.Aws.Errors;

namespace EicAgent.Aws.Scopes;

/// <summary>
/// Region and client settings for a scope. Region: explicit, else the named profile's <c>region</c>, else the SDK's
/// fallback chain (AWS_REGION, AWS_DEFAULT_REGION, the AWS_PROFILE/default profile, instance metadata).
/// </summary>
internal static class AwsProfileSettings
{
    public static CredentialProfile? LoadProfile(string? profileName)
    {
        if (profileName is null)
        {
            return null;
        }

        if (new CredentialProfileStoreChain().TryGetProfile(profileName, out var profile))
        {
            return profile;
        }

        throw new EicAwsException(
            EicAwsErrorKind.NoCredentials,
            $"AWS profile '{profileName}' not found in ~/.aws/config or ~/.aws/credentials (or AWS_CONFIG_FILE/AWS_SHARED_CREDENTIALS_FILE): create it with `aws configure --profile {profileName}`");
    }

    public static string ResolveRegion(string? explicitRegion, string? profileName, CredentialProfile? profile)
    {
        var region = explicitRegion ?? profile?.Region?.SystemName ?? FallbackRegionFactory.GetRegionEndpoint()?.SystemName;
        if (string.IsNullOrEmpty(region))
        {
            var where = profileName is null ? "the default profile" : $"profile {profileName}";
            throw new EicAwsException(
                EicAwsErrorKind.NoRegion,
                $"no AWS region: pass --region, use a host name like TARGET.REGION.eic, add `region = ...` to {where} in ~/.aws/config, or set AWS_REGION");
        }

        return region;
    }

    /// <summary>The settings every client of a scope shares; the SDK reads endpoint overrides from the profile itself.</summary>
    public static void Apply(ClientConfig config, AwsScopeInfo scope, CredentialProfile? profile, AwsSettings settings)
    {
        config.RegionEndpoint = RegionEndpoint.GetBySystemName(scope.Region);

        // Sign for the scope's region even when an endpoint override (a simulator, a VPC endpoint) names none: the
        // SDK would otherwise fall back to AWS_REGION or the default profile's region.
        config.AuthenticationRegion = scope.Region;
        config.Timeout = settings.AttemptTimeout;
        config.ConnectTimeout = settings.ConnectTimeout;
        config.MaxErrorRetry = settings.MaxErrorRetry;
        if (profile is null)
        {
            return;
        }

        // The SDK reads use_fips_endpoint / use_dualstack_endpoint from the environment and the AWS_PROFILE profile
        // only; an explicitly named profile's values must be applied here (the environment still wins, as in the SDK).
        config.Profile = new Profile(profile.Name);
        if (Environment.GetEnvironmentVariable("AWS_USE_FIPS_ENDPOINT") is null && profile.UseFIPSEndpoint is bool fips)
        {
            config.UseFIPSEndpoint = fips;
        }

        if (Environment.GetEnvironmentVariable("AWS_USE_DUALSTACK_ENDPOINT") is null && profile.UseDualstackEndpoint is bool dualStack)
        {
            config.UseDualstackEndpoint = dualStack;
        }
    }
}
