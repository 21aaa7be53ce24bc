using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using EicAgent.Aws.Errors;
using EicAgent.Aws.Tls;

namespace EicAgent.Aws.Scopes;

/// <summary>
/// The profile, region and client settings of a scope, from what the caller said and the caller's context only.
/// Precedence: the host-name suffix, then the flags (both arrive as the explicit profile and region), then the
/// caller's environment (<see cref="AwsContext"/>), then the shared config files.
/// </summary>
internal static class AwsProfileSettings
{
    /// <summary>The profile whose settings apply: the one named, else the caller's AWS_PROFILE, else `default` when there is one.</summary>
    public static CredentialProfile? LoadProfile(string? explicitName, AwsContext context, ICredentialProfileSource store)
    {
        var name = explicitName ?? context.Get(AwsContext.Profile);
        if (name is null)
        {
            return store.TryGetProfile(SharedCredentialsFile.DefaultProfileName, out var fallback) ? fallback : null;
        }

        if (store.TryGetProfile(name, out var profile))
        {
            return profile;
        }

        throw new EicAwsException(
            EicAwsErrorKind.NoCredentials,
            $"AWS profile '{name}' not found in ~/.aws/config or ~/.aws/credentials (or AWS_CONFIG_FILE/AWS_SHARED_CREDENTIALS_FILE): create it with `aws configure --profile {name}`");
    }

    /// <summary>
    /// The explicit region; else a profile named explicitly keeps its own region; else AWS_REGION, AWS_DEFAULT_REGION;
    /// else the region of the caller's AWS_PROFILE or default profile.
    /// </summary>
    public static string ResolveRegion(string? explicitRegion, string? explicitProfile, CredentialProfile? profile, AwsContext context)
    {
        var region = explicitRegion
            ?? (explicitProfile is null ? null : profile?.Region?.SystemName)
            ?? context.Get(AwsContext.RegionVariable)
            ?? context.Get(AwsContext.DefaultRegion)
            ?? profile?.Region?.SystemName;
        if (string.IsNullOrEmpty(region))
        {
            var where = profile is null ? "the default profile" : $"profile {profile.Name}";
            throw new EicAwsException(
                EicAwsErrorKind.NoRegion,
                $"no AWS region: pass --region, use a host name like TARGET.REGION.eic, add `region = ...` to {where} in ~/.aws/config, or set AWS_REGION");
        }

        return region;
    }

    /// <summary>
    /// The settings every client of a scope shares. Endpoint URLs and the FIPS / dual-stack switches come from the
    /// caller's context first, then the profile (which the SDK reads from <paramref name="credentialsPath"/>'s files);
    /// the scope's <see cref="AwsScopeInfo.CaBundle"/>, when set, is the only trust store of its connections.
    /// </summary>
    public static void Apply(ClientConfig config, AwsScopeInfo scope, CredentialProfile? profile, AwsSettings settings, AwsContext context, string credentialsPath)
    {
        config.RegionEndpoint = RegionEndpoint.GetBySystemName(scope.Region);

        // Sign for the scope's region even when an endpoint override (a simulator, a VPC endpoint) names none: the
        // SDK would otherwise fall back to AWS_REGION or the default profile's region.
        config.AuthenticationRegion = scope.Region;
        config.Timeout = settings.AttemptTimeout;
        config.ConnectTimeout = settings.ConnectTimeout;
        config.MaxErrorRetry = settings.MaxErrorRetry;
        if (profile is not null)
        {
            config.Profile = new Profile(profile.Name, credentialsPath);
        }

        if ((context.Switch(AwsContext.UseFips) ?? profile?.UseFIPSEndpoint) is bool fips)
        {
            config.UseFIPSEndpoint = fips;
        }

        if ((context.Switch(AwsContext.UseDualStack) ?? profile?.UseDualstackEndpoint) is bool dualStack)
        {
            config.UseDualstackEndpoint = dualStack;
        }

        if (scope.CaBundle is { } bundle)
        {
            config.HttpClientFactory = new CaBundleHttpClientFactory(bundle.Load());
        }

        if (context.Switch(AwsContext.IgnoreConfiguredEndpoints) == true)
        {
            config.IgnoreConfiguredEndpointUrls = true;
        }
        else if (EndpointUrl(config, context) is { } url)
        {
            config.ServiceURL = url;
            config.AuthenticationRegion = scope.Region;
        }
    }

    /// <summary>
    /// The caller's AWS_CA_BUNDLE, else the `ca_bundle` of <paramref name="profileName"/> (the profile in effect), as in the
    /// AWS CLI; null: the system's CAs. The one decision of what a scope trusts: its clients, its credentials' own calls
    /// and the proxy's websockets for its routes all follow it.
    /// </summary>
    public static CaBundleSource? CaBundleSourceOf(AwsContext context, string profileName)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Get(AwsContext.CaBundle) is { } variable)
        {
            return new CaBundleSource(variable, $"{CaBundle.Variable}={variable}");
        }

        return AwsConfigValue.Read(context, profileName, "ca_bundle") is { } setting
            ? new CaBundleSource(FullPath(setting), $"ca_bundle = {setting} of profile {profileName}")
            : null;
    }

    // The agent and the proxy run in different directories: both must read the same file.
    private static string FullPath(string path)
    {
        try
        {
            return Path.GetFullPath(path);
        }
        catch (ArgumentException)
        {
            return path;
        }
    }

    /// <summary>AWS_ENDPOINT_URL_SERVICE (the service id in capitals, spaces as underscores), else AWS_ENDPOINT_URL.</summary>
    private static string? EndpointUrl(ClientConfig config, AwsContext context) =>
        context.Get($"{AwsContext.EndpointUrl}_{config.ServiceId.ToUpperInvariant().Replace(' ', '_')}") ?? context.Get(AwsContext.EndpointUrl);
}
