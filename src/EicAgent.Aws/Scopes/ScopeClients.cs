using Amazon.Runtime;

namespace EicAgent.Aws.Scopes;

/// <summary>
/// One-off SDK clients that look where a scope looks (same region, profile settings and timeouts), for calls
/// the agent's warm clients do not make, e.g. `eic doctor`'s.
/// </summary>
internal static class ScopeClients
{
    private static readonly AwsSettings Settings = new();

    public static AwsCallGuard Guard { get; } = new(Settings.CallTimeout, TimeProvider.System);

    public static void Configure(ClientConfig config, AwsScope scope)
    {
        var credentialsPath = scope.CredentialsPath ?? AwsProfileFiles.CredentialsPathFor(scope.Context);
        var profile = AwsProfileSettings.LoadProfile(scope.Info.Profile, scope.Context, new Amazon.Runtime.CredentialManagement.SharedCredentialsFile(credentialsPath));
        AwsProfileSettings.Apply(config, scope.Info, profile, Settings, scope.Context, credentialsPath);
    }
}
