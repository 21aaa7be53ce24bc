using System.Collections;
using System.Security.Cryptography;
using System.Text;

namespace EicAgent.Aws.Scopes;

/// <summary>
/// The AWS settings of the shell that runs ssh (or eic): the AWS_* variables that choose credentials, region and
/// endpoints. The ProxyCommand sends it with each request, so the long-lived agent acts where the caller's shell
/// would, never with its own environment. It may hold secret keys: <see cref="ToString"/> and <see cref="Key"/>
/// never show them.
/// </summary>
public sealed class AwsContext
{
    public const string Profile = "AWS_PROFILE";
    public const string RegionVariable = "AWS_REGION";
    public const string DefaultRegion = "AWS_DEFAULT_REGION";
    public const string ConfigFile = "AWS_CONFIG_FILE";
    public const string CredentialsFile = "AWS_SHARED_CREDENTIALS_FILE";
    public const string AccessKeyId = "AWS_ACCESS_KEY_ID";
    public const string SecretAccessKey = "AWS_SECRET_ACCESS_KEY";
    public const string SessionToken = "AWS_SESSION_TOKEN";
    public const string EndpointUrl = "AWS_ENDPOINT_URL";
    public const string UseFips = "AWS_USE_FIPS_ENDPOINT";
    public const string UseDualStack = "AWS_USE_DUALSTACK_ENDPOINT";
    public const string CaBundle = "AWS_CA_BUNDLE";
    public const string MetadataDisabled = "AWS_EC2_METADATA_DISABLED";
    public const string IgnoreConfiguredEndpoints = "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS";

    /// <summary>At most this many variables travel: a bound for what a peer may make the agent hold.</summary>
    public const int MaxVariables = 64;

    private static readonly string[] Carried =
    [
        Profile, RegionVariable, DefaultRegion, ConfigFile, CredentialsFile, AccessKeyId, SecretAccessKey, SessionToken,
        EndpointUrl, UseFips, UseDualStack, CaBundle, MetadataDisabled, IgnoreConfiguredEndpoints,
    ];

    private static readonly string[] Paths = [ConfigFile, CredentialsFile, CaBundle];

    private readonly SortedDictionary<string, string> _variables;
    private readonly Lazy<string> _key;

    private AwsContext(SortedDictionary<string, string> variables)
    {
        _variables = variables;
        // Computed when first asked (by the agent): the ProxyCommand only sends the variables, and hashing would
        // load OpenSSL into every proxy, several milliseconds of each login.
        _key = new Lazy<string>(() => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Concat(variables.Select(v => $"{v.Key}={v.Value}\n"))))));
    }

    /// <summary>No variables: only the shared files in the home directory (and instance metadata) remain.</summary>
    public static AwsContext Empty { get; } = new([]);

    /// <summary>A digest of every variable, to key scopes by without keeping or showing a secret in the key.</summary>
    public string Key => _key.Value;

    public IReadOnlyDictionary<string, string> Variables => _variables;

    /// <summary>True for the variables that travel: the fixed list and every AWS_ENDPOINT_URL_SERVICE.</summary>
    public static bool Carries(string name) =>
        Carried.Contains(name, StringComparer.Ordinal) || (name.StartsWith(EndpointUrl + "_", StringComparison.Ordinal) && name.Length > EndpointUrl.Length + 1);

    /// <summary>This process's own variables (relative file paths made absolute: the agent runs elsewhere).</summary>
    public static AwsContext FromEnvironment()
    {
        var variables = new List<KeyValuePair<string, string>>();
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string name && entry.Value is string value && Carries(name))
            {
                variables.Add(KeyValuePair.Create(name, Paths.Contains(name) && value.Length > 0 ? Path.GetFullPath(value) : value));
            }
        }

        return From(variables);
    }

    /// <summary>The given variables; those that do not travel, and empty values, are left out.</summary>
    /// <exception cref="FormatException">More than <see cref="MaxVariables"/>, or one name twice.</exception>
    public static AwsContext From(IEnumerable<KeyValuePair<string, string>> variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        var kept = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in variables)
        {
            if (kept.Count >= MaxVariables)
            {
                throw new FormatException($"more than {MaxVariables} AWS variables");
            }

            if (Carries(name) && !string.IsNullOrWhiteSpace(value) && !kept.TryAdd(name, value.Trim()))
            {
                throw new FormatException($"{name} given twice");
            }
        }

        return kept.Count == 0 ? Empty : new AwsContext(kept);
    }

    /// <summary>The value of <paramref name="name"/>, or null when the caller did not set it.</summary>
    public string? Get(string name) => _variables.GetValueOrDefault(name);

    /// <summary>True when <paramref name="name"/> is "true" (any case), as the SDKs read their switches.</summary>
    public bool? Switch(string name) => Get(name) is { } value ? value.Equals("true", StringComparison.OrdinalIgnoreCase) : null;

    /// <summary>The names set, never the values: a context may hold secret keys.</summary>
    public override string ToString() => _variables.Count == 0 ? "(no AWS variables)" : string.Join(' ', _variables.Keys);
}
