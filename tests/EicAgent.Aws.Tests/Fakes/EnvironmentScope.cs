using System.Reflection;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using EicAgent.Testing;

namespace EicAgent.Aws.Tests.Fakes;

/// <summary>Environment variables are process-wide: tests that change them share this collection and never run in parallel.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EnvironmentCollection
{
    public const string Name = "Process environment";
}

/// <summary>
/// A clean AWS environment for one test: private config and credentials files, no ambient keys, profile, region or
/// endpoint, no instance metadata; every variable restored (and the SDK's cached fallbacks reset) on dispose.
/// </summary>
internal sealed class EnvironmentScope : IDisposable
{
    private static readonly string[] Cleared =
    [
        "AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
        "AWS_SECRET_KEY", "AWS_SESSION_TOKEN", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_EC2", "AWS_ENDPOINT_URL_EC2_INSTANCE_CONNECT",
        "AWS_ENDPOINT_URL_STS", "AWS_USE_FIPS_ENDPOINT", "AWS_USE_DUALSTACK_ENDPOINT", "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS",
        "AWS_ENDPOINT_URL_SSO", "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_ARN", "AWS_ROLE_SESSION_NAME",
        "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_CONTAINER_AUTHORIZATION_TOKEN",
        "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", "AWS_EC2_METADATA_SERVICE_ENDPOINT", "AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE",
        "AWS_MAX_ATTEMPTS", "AWS_RETRY_MODE", "AWS_CA_BUNDLE",
    ];

    // AWSSDK.Core reads AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE once per process (SharedCredentialsFile's
    // static constructor), so every test shares one pair of files, emptied for each test.
    private static readonly TemporaryDirectory SharedDirectory = CreateSharedDirectory();

    private readonly Dictionary<string, string?> _saved = [];
    private readonly TemporaryDirectory _directory = new("eic-aws-env-");

    public EnvironmentScope()
    {
        foreach (var name in Cleared)
        {
            Set(name, null);
        }

        Set("AWS_CONFIG_FILE", ConfigFile);
        Set("AWS_SHARED_CREDENTIALS_FILE", CredentialsFile);
        Set("AWS_EC2_METADATA_DISABLED", "true");
        File.WriteAllText(ConfigFile, string.Empty);
        File.WriteAllText(CredentialsFile, string.Empty);
        ResetSdkCaches();
    }

    public string ConfigFile => SharedDirectory.Combine("config");

    public string CredentialsFile => SharedDirectory.Combine("credentials");

    public string Directory => _directory.Path;

    public void Set(string name, string? value)
    {
        _saved.TryAdd(name, Environment.GetEnvironmentVariable(name));
        Environment.SetEnvironmentVariable(name, value);
        ResetSdkCaches();
    }

    /// <summary>Static keys in the environment and a region: the shortest way to a working scope.</summary>
    public void UseStaticKeys(string region = "eu-west-1")
    {
        Set("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE");
        Set("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
        Set("AWS_REGION", region);
    }

    public void Dispose()
    {
        foreach (var (name, value) in _saved)
        {
            Environment.SetEnvironmentVariable(name, value);
        }

        ResetSdkCaches();
        _directory.Dispose();
    }

    private static TemporaryDirectory CreateSharedDirectory()
    {
        var directory = new TemporaryDirectory("eic-aws-files-");
        File.WriteAllText(directory.Combine("config"), string.Empty);
        File.WriteAllText(directory.Combine("credentials"), string.Empty);
        Environment.SetEnvironmentVariable("AWS_CONFIG_FILE", directory.Combine("config"));
        Environment.SetEnvironmentVariable("AWS_SHARED_CREDENTIALS_FILE", directory.Combine("credentials"));
        if (Amazon.Runtime.CredentialManagement.SharedCredentialsFile.DefaultConfigFilePath != directory.Combine("config"))
        {
            throw new InvalidOperationException($"the SDK read AWS_CONFIG_FILE before the environment tests set it ({Amazon.Runtime.CredentialManagement.SharedCredentialsFile.DefaultConfigFilePath}): a test outside the environment collection touched profiles");
        }

        return directory;
    }

    private static void ResetSdkCaches()
    {
        FallbackRegionFactory.Reset();
        FallbackInternalConfigurationFactory.Reset();

        // Instance-role credentials live in a process-wide singleton (refreshed by its own timer): a test that enabled
        // instance metadata must not hand its role to the next one.
        var singleton = typeof(AWSCredentials).Assembly.GetType("Amazon.Runtime.DefaultInstanceProfileAWSCredentials", throwOnError: true)!
            .GetField("_instance", BindingFlags.Static | BindingFlags.NonPublic)
            ?? throw new InvalidOperationException("AWSSDK.Core no longer has DefaultInstanceProfileAWSCredentials._instance: update the test reset");
        (singleton.GetValue(null) as IDisposable)?.Dispose();
    }
}
