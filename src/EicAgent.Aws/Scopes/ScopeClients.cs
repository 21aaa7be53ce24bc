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

    public static void Configure(ClientConfig config, AwsScopeInfo scope) =>
        AwsProfileSettings.Apply(config, scope, AwsProfileSettings.LoadProfile(scope.Profile), Settings);
}
