using Amazon.Runtime.CredentialManagement;

namespace EicAgent.Aws.Scopes;

/// <summary>
/// The shared config and credentials files a context names (AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE, else
/// ~/.aws/config and ~/.aws/credentials), as a profile store the SDK reads.
/// </summary>
/// <remarks>
/// AWSSDK.Core takes the config file from the process environment only, else from beside the credentials file.
/// The agent's environment is not the caller's, so when the caller's two files are not siblings named `config`
/// and `credentials`, they are reached through a private directory of two symbolic links (no copy, no secret
/// written) that the SDK can be pointed at.
/// </remarks>
internal static class AwsProfileFiles
{
    private const string ConfigName = "config";
    private const string CredentialsName = "credentials";

    /// <summary>The credentials file the SDK is to open; its directory's `config` is the context's config file.</summary>
    public static string CredentialsPathFor(AwsContext context)
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var config = context.Get(AwsContext.ConfigFile) ?? Path.Combine(home, ".aws", ConfigName);
        var credentials = context.Get(AwsContext.CredentialsFile) ?? Path.Combine(home, ".aws", CredentialsName);
        if (Path.GetFileName(config) == ConfigName && Path.GetDirectoryName(config) == Path.GetDirectoryName(credentials))
        {
            return credentials;
        }

        return LinkedPair(config, credentials);
    }

    public static SharedCredentialsFile StoreFor(AwsContext context) => new(CredentialsPathFor(context));

    private static string LinkedPair(string config, string credentials)
    {
        // Under the user's own cache directory, not /tmp: nobody else can plant links there.
        var cache = Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg && Path.IsPathRooted(xdg)
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        var directory = Path.Combine(cache, "eic", "aws-files", Digest(config, credentials));
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else
        {
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        Link(Path.Combine(directory, ConfigName), config);
        Link(Path.Combine(directory, CredentialsName), credentials);
        return Path.Combine(directory, CredentialsName);
    }

    private static void Link(string link, string target)
    {
        if (new FileInfo(link).LinkTarget == target)
        {
            return;
        }

        // Made aside and renamed into place (rename replaces atomically): two scopes built at once for the same
        // files must not find the other's fresh link in their way.
        var aside = $"{link}.{Guid.NewGuid():N}";
        File.CreateSymbolicLink(aside, target);
        File.Move(aside, link, overwrite: true);
    }

    private static string Digest(string config, string credentials) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{config}\n{credentials}")))[..16];
}
