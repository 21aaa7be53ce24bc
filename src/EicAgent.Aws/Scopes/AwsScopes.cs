using System.Collections.Concurrent;
using Amazon.EC2;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Amazon.Runtime.Credentials;
using EicAgent.Aws.Errors;
using EicAgent.Aws.InstanceConnect;
using EicAgent.Aws.Instances;
using EicAgent.Aws.SessionManager;
using EicAgent.Aws.Targets;
using EicAgent.Aws.Tls;
using EicAgent.Aws.Tunnels;

namespace EicAgent.Aws.Scopes;

/// <summary>
/// Creates and keeps one <see cref="AwsScope"/> per (profile, region, caller's context) as asked for, so credentials
/// and warm HTTP connections live as long as the agent. Everything comes from what the caller sent (see
/// <see cref="AwsContext"/>, <see cref="AwsProfileSettings"/>, <see cref="AwsCredentialSource"/>): shared config and
/// credentials files (static keys, assume-role, IAM Identity Center, credential_process), keys in the caller's
/// environment; only when those give nothing, the SDK's chain (web identity, container and instance roles).
/// A scope that fails to build is not kept: after `aws sso login` the next call works.
/// </summary>
public sealed class AwsScopes : IAwsScopes, IDisposable
{
    private readonly ConcurrentDictionary<(string? Profile, string? Region, string Context), ScopeEntry> _scopes = new();
    private readonly DefaultAWSCredentialsIdentityResolver _credentialChain = new();
    private readonly AwsSettings _settings;
    private readonly TimeProvider _time;
    private readonly MfaAnswers _mfaAnswers;

    public AwsScopes(AwsSettings? settings = null, TimeProvider? time = null)
    {
        _settings = settings ?? new AwsSettings();
        _time = time ?? TimeProvider.System;
        _mfaAnswers = new MfaAnswers(_time);
        AwsRuntimeDependencies.EnsureRegistered();
    }

    /// <summary>The scope for a parsed host name (see <see cref="TargetSpec"/>) in the caller's <paramref name="context"/>.</summary>
    public Task<AwsScope> GetAsync(TargetSpec target, AwsContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        return GetAsync(target.Profile, target.Region, context, cancellationToken);
    }

    async Task<IAwsScope> IAwsScopes.GetAsync(TargetSpec target, AwsContext context, CancellationToken cancellationToken) =>
        await GetAsync(target, context, cancellationToken).ConfigureAwait(false);

    async Task<IAwsScope> IAwsScopes.GetAsync(string? profile, string? region, AwsContext context, CancellationToken cancellationToken) =>
        await GetAsync(profile, region, context, cancellationToken).ConfigureAwait(false);

    /// <summary>As <see cref="GetAsync(string?, string?, AwsContext, CancellationToken)"/> in this process's own environment (commands that run in the caller's shell).</summary>
    public Task<AwsScope> GetAsync(string? profile, string? region, CancellationToken cancellationToken) =>
        GetAsync(profile, region, AwsContext.FromEnvironment(), cancellationToken);

    /// <summary>The scope for <paramref name="profile"/> and <paramref name="region"/> (null: the caller's defaults) in the caller's <paramref name="context"/>.</summary>
    /// <exception cref="EicAwsException">No credentials, SSO login needed, no region, profile missing, timeout.</exception>
    public async Task<AwsScope> GetAsync(string? profile, string? region, AwsContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var key = (NullIfBlank(profile), NullIfBlank(region), context.Key);
        var now = _time.GetUtcNow();
        EvictIdle(now);
        var entry = _scopes.GetOrAdd(key, k => new ScopeEntry(new Lazy<Task<AwsScope>>(() => CreateAsync(k.Item1, k.Item2, context))) { LastUsed = now });
        entry.LastUsed = now;
        try
        {
            return await entry.Scope.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch when (entry.Scope.Value.IsFaulted || entry.Scope.Value.IsCanceled)
        {
            _scopes.TryRemove(KeyValuePair.Create(key, entry));
            throw;
        }
    }

    /// <summary>A code the user typed for the MFA device of an assume-role profile in <paramref name="context"/>: the next AssumeRole there takes it.</summary>
    public void OfferMfaCode(AwsContext context, string code)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        _mfaAnswers.Offer(context, code.Trim());
    }

    /// <summary>
    /// A session the agent bought with an MFA code for <paramref name="profileName"/> in <paramref name="context"/>: the
    /// next AssumeRole of that profile there takes it instead of asking the user for a code.
    /// </summary>
    public void OfferMfaRoleSession(AwsContext context, string profileName, MfaRoleSession session)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(session);
        _mfaAnswers.Offer(context, profileName, session);
    }

    /// <summary>How many scopes are kept now (built, or being built).</summary>
    public int Count => _scopes.Count;

    public void Dispose()
    {
        foreach (var entry in _scopes.Values)
        {
            entry.Dispose();
        }

        _scopes.Clear();
        _credentialChain.Dispose();
    }

    private void EvictIdle(DateTimeOffset now)
    {
        var kept = _scopes.Select(scope => (scope.Key, scope.Value.LastUsed, scope.Value.KeepUntil)).ToArray();
        foreach (var key in ScopeEviction.Choose(kept, now, _settings))
        {
            if (_scopes.TryRemove(key, out var entry))
            {
                entry.Dispose();
            }
        }
    }

    private async Task<AwsScope> CreateAsync(string? profileName, string? explicitRegion, AwsContext context)
    {
        var guard = new AwsCallGuard(_settings.CallTimeout, _time);
        var info = ScopeInfo(profileName, explicitRegion ?? "(no region yet)", context);
        var callContext = new AwsCallContext("resolving credentials", info);
        return await guard.RunAsync(callContext, token => Task.Run(() => BuildAsync(profileName, explicitRegion, context, token), token), CancellationToken.None)
            .ConfigureAwait(false);
    }

    private async Task<AwsScope> BuildAsync(string? profileName, string? explicitRegion, AwsContext context, CancellationToken cancellationToken)
    {
        var credentialsPath = AwsProfileFiles.CredentialsPathFor(context);
        var store = new SharedCredentialsFile(credentialsPath);
        var profile = AwsProfileSettings.LoadProfile(profileName, context, store);
        var info = ScopeInfo(profileName, AwsProfileSettings.ResolveRegion(explicitRegion, profileName, profile, context), context);

        var ec2Config = new AmazonEC2Config();
        AwsProfileSettings.Apply(ec2Config, info, profile, _settings, context, credentialsPath);
        var instanceConnectConfig = new InstanceConnectConfig();
        AwsProfileSettings.Apply(instanceConnectConfig, info, profile, _settings, context, credentialsPath);

        // Resolve now, and fetch once, so a missing SSO login or a failing credential_process is reported here.
        var credentials = AwsCredentialSource.Resolve(profileName, profile, context, store, role => AssumeRoleCredentials.TryCreate(role, info, context, store, _settings, credentialsPath, _mfaAnswers))
            ?? await _credentialChain.ResolveIdentityAsync(ec2Config, cancellationToken).ConfigureAwait(false);
        credentials = CaBundleCredentials.Trusting(credentials, info.CaBundle?.Load(), () =>
        {
            var stsConfig = new Amazon.SecurityToken.AmazonSecurityTokenServiceConfig();
            AwsProfileSettings.Apply(stsConfig, info, profile, _settings, context, credentialsPath);
            return new Amazon.SecurityToken.AmazonSecurityTokenServiceClient(new AnonymousAWSCredentials(), stsConfig);
        });
        await credentials.GetCredentialsAsync().WaitAsync(cancellationToken).ConfigureAwait(false);

        var ssmConfig = new Amazon.SimpleSystemsManagement.AmazonSimpleSystemsManagementConfig();
        AwsProfileSettings.Apply(ssmConfig, info, profile, _settings, context, credentialsPath);
        var ec2Client = new AmazonEC2Client(credentials, ec2Config);
        var ec2 = new SdkEc2Api(ec2Client);
        var instanceConnect = InstanceConnectApiFactory.Create(credentials, instanceConnectConfig);
        var useFips = instanceConnectConfig.UseFIPSEndpoint;
        return new AwsScope(info, credentials, ec2, instanceConnect, new SdkConnectEndpointApi(ec2Client), useFips, _settings, _time)
        {
            Inventory = new Listing.SdkEc2InventoryApi(ec2Client),
            UseDualStackEndpoint = instanceConnectConfig.UseDualstackEndpoint,
            SessionManager = new SdkSessionManagerApi(new Amazon.SimpleSystemsManagement.AmazonSimpleSystemsManagementClient(credentials, ssmConfig)),
            Context = context,
            CredentialsPath = credentialsPath,
        };
    }

    private static AwsScopeInfo ScopeInfo(string? profileName, string region, AwsContext context)
    {
        var info = new AwsScopeInfo(profileName, region) { EnvironmentProfile = context.Get(AwsContext.Profile) };
        return info with { CaBundle = AwsProfileSettings.CaBundleSourceOf(context, info.EffectiveProfile) };
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>A scope being built or built, and when a caller last asked for it.</summary>
    private sealed class ScopeEntry(Lazy<Task<AwsScope>> scope) : IDisposable
    {
        private long _lastUsedTicks;

        public Lazy<Task<AwsScope>> Scope { get; } = scope;

        public DateTimeOffset LastUsed
        {
            get => new(Interlocked.Read(ref _lastUsedTicks), TimeSpan.Zero);
            set => Interlocked.Exchange(ref _lastUsedTicks, value.UtcTicks);
        }

        /// <summary>The end of a role session bought with an MFA code, while there is one.</summary>
        public DateTimeOffset? KeepUntil =>
            Scope.IsValueCreated && Scope.Value.IsCompletedSuccessfully && Scope.Value.Result.Credentials is ContextAssumeRoleCredentials role ? role.MfaSessionExpires : null;

        public void Dispose()
        {
            if (Scope.IsValueCreated && Scope.Value.IsCompletedSuccessfully)
            {
                Scope.Value.Result.Dispose();
            }
        }
    }
}
