using System.Collections.Concurrent;
using Amazon.EC2;
using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using EicAgent.Aws.Errors;
using EicAgent.Aws.InstanceConnect;
using EicAgent.Aws.Instances;
using EicAgent.Aws.Targets;
using EicAgent.Aws.Tunnels;

namespace EicAgent.Aws.Scopes;

/// <summary>
/// Creates and keeps one <see cref="AwsScope"/> per (profile, region) as asked for, so credentials and warm HTTP
/// connections live as long as the agent. Credentials come from the SDK's default chain: environment, web identity,
/// shared config and credentials files (static keys, assume-role, IAM Identity Center, credential_process),
/// container and instance roles. A scope that fails to build is not kept: after `aws sso login` the next call works.
/// </summary>
public sealed class AwsScopes : IDisposable
{
    private readonly ConcurrentDictionary<(string? Profile, string? Region), Lazy<Task<AwsScope>>> _scopes = new();
    private readonly DefaultAWSCredentialsIdentityResolver _credentialChain = new();
    private readonly AwsSettings _settings;
    private readonly TimeProvider _time;

    public AwsScopes(AwsSettings? settings = null, TimeProvider? time = null)
    {
        _settings = settings ?? new AwsSettings();
        _time = time ?? TimeProvider.System;
        AwsRuntimeDependencies.EnsureRegistered();
    }

    /// <summary>The scope for a parsed host name (see <see cref="TargetSpec"/>).</summary>
    public Task<AwsScope> GetAsync(TargetSpec target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        return GetAsync(target.Profile, target.Region, cancellationToken);
    }

    /// <summary>The scope for <paramref name="profile"/> (null: the default chain) and <paramref name="region"/> (null: the profile's or the environment's).</summary>
    /// <exception cref="EicAwsException">No credentials, SSO login needed, no region, profile missing, timeout.</exception>
    public async Task<AwsScope> GetAsync(string? profile, string? region, CancellationToken cancellationToken)
    {
        var key = (NullIfBlank(profile), NullIfBlank(region));
        var lazy = _scopes.GetOrAdd(key, k => new Lazy<Task<AwsScope>>(() => CreateAsync(k.Profile, k.Region)));
        try
        {
            return await lazy.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch when (lazy.Value.IsFaulted || lazy.Value.IsCanceled)
        {
            _scopes.TryRemove(new KeyValuePair<(string?, string?), Lazy<Task<AwsScope>>>(key, lazy));
            throw;
        }
    }

    public void Dispose()
    {
        foreach (var scope in _scopes.Values.Where(lazy => lazy.IsValueCreated && lazy.Value.IsCompletedSuccessfully))
        {
            scope.Value.Result.Dispose();
        }

        _scopes.Clear();
        _credentialChain.Dispose();
    }

    private async Task<AwsScope> CreateAsync(string? profileName, string? explicitRegion)
    {
        var guard = new AwsCallGuard(_settings.CallTimeout, _time);
        var context = new AwsCallContext("resolving credentials", new AwsScopeInfo(profileName, explicitRegion ?? "(no region yet)"));
        return await guard.RunAsync(context, token => Task.Run(() => BuildAsync(profileName, explicitRegion, token), token), CancellationToken.None)
            .ConfigureAwait(false);
    }

    private async Task<AwsScope> BuildAsync(string? profileName, string? explicitRegion, CancellationToken cancellationToken)
    {
        var profile = AwsProfileSettings.LoadProfile(profileName);
        var info = new AwsScopeInfo(profileName, AwsProfileSettings.ResolveRegion(explicitRegion, profileName, profile));

        var ec2Config = new AmazonEC2Config();
        AwsProfileSettings.Apply(ec2Config, info, profile, _settings);
        var instanceConnectConfig = new InstanceConnectConfig();
        AwsProfileSettings.Apply(instanceConnectConfig, info, profile, _settings);

        // Resolve now, and fetch once, so a missing SSO login or a failing credential_process is reported here.
        var credentials = await _credentialChain.ResolveIdentityAsync(ec2Config, cancellationToken).ConfigureAwait(false);
        await credentials.GetCredentialsAsync().WaitAsync(cancellationToken).ConfigureAwait(false);

        var ec2Client = new AmazonEC2Client(credentials, ec2Config);
        var ec2 = new SdkEc2Api(ec2Client);
        var instanceConnect = InstanceConnectApiFactory.Create(credentials, instanceConnectConfig);
        var useFips = instanceConnectConfig.UseFIPSEndpoint;
        return new AwsScope(info, credentials, ec2, instanceConnect, new SdkConnectEndpointApi(ec2Client), useFips, _settings, _time)
        {
            Ec2Client = ec2Client,
        };
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
